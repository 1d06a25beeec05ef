/** What every request of the indicators subgraph carries: the hub's context and the organisation directory. */
import type { SubgraphCaller, SubgraphContext } from '../../lib/subgraph';
import type { IndicatorLoaders } from './loaders';
import { organizationDirectory, type OrganizationDirectory } from './organization-directory';

export type IndicatorContext = SubgraphContext<IndicatorLoaders> & { organizations: OrganizationDirectory };

/** The indicators subgraph's part of a request's context. */
export function indicatorContext(caller: SubgraphCaller): Pick<IndicatorContext, 'organizations'> {
  return { organizations: organizationDirectory(caller.peerUrl('organizations'), caller) };
}
