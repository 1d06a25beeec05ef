/**
 * What every request of the indicators subgraph carries: the hub's context, its settings
 * (read once when it started) and the organisation directory.
 */
import type { IndicatorSettings } from '../../lib/config';
import type { SubgraphCaller, SubgraphContext } from '../../lib/subgraph';
import type { IndicatorLoaders } from './loaders';
import { organizationDirectory, type OrganizationDirectory } from './organization-directory';
import type { PushDependencies } from './services/push';

export type IndicatorContext = SubgraphContext<IndicatorLoaders, IndicatorSettings> & { organizations: OrganizationDirectory };

/** The indicators subgraph's part of a request's context. */
export function indicatorContext(caller: SubgraphCaller): Pick<IndicatorContext, 'organizations'> {
  return { organizations: organizationDirectory(caller.peerUrl('organizations'), caller) };
}

/** What a push of this request works with (services/push.ts). */
export function pushDependencies(context: IndicatorContext): PushDependencies {
  return {
    db: context.store.dataSource,
    indicators: context.loaders.repository,
    organizations: context.organizations,
    clock: context.clock,
    settings: context.settings,
  };
}
