/** The organizations subgraph: who the plan's responsible units are. */
import { buildFederatedSchema } from '../../lib/federation';
import type { SubgraphContext, SubgraphDefinition } from '../../lib/subgraph';
import { OrganizationAliasRecord, OrganizationRecord } from './data/entities';
import { CreateOrganizations1764000000000 } from './data/migrations/1764000000000-CreateOrganizations';
import { CreateTokenRevocations1764100000000 } from './data/migrations/1764100000000-CreateTokenRevocations';
import { CreatePersonalTokens1765000000000 } from './data/migrations/1765000000000-CreatePersonalTokens';
import { readOrganizations } from '../../seeds/load';
import { seedOrganizations } from './data/seed';
import { createLoaders, type OrganizationLoaders } from './loaders';
import { OrganizationResolver } from './resolvers/organization.resolver';
import { PersonalTokenResolver, ViewerResolver } from './resolvers/personal-token.resolver';
import { RevocationResolver } from './resolvers/revocation.resolver';
import { Organization } from './schema/organization';
import { type OrganizationSettings, organizationSettings } from './settings';

export const organizationsSubgraph: SubgraphDefinition<OrganizationLoaders, OrganizationSettings> = {
  name: 'organizations',
  store: {
    entities: [OrganizationRecord, OrganizationAliasRecord],
    migrations: [CreateOrganizations1764000000000, CreateTokenRevocations1764100000000, CreatePersonalTokens1765000000000],
  },
  loaders: createLoaders,
  settings: organizationSettings,
  seed: (store) => seedOrganizations(store.dataSource, readOrganizations()),
  isEmpty: async (store) => (await store.dataSource.query('SELECT 1 FROM organization LIMIT 1')).length === 0,
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [OrganizationResolver, RevocationResolver, PersonalTokenResolver, ViewerResolver],
        orphanedTypes: [Organization],
      },
      {
        Organization: {
          __resolveReference: (reference: { id: string }, context: SubgraphContext<OrganizationLoaders>) =>
            context.loaders.organization.load(reference.id),
        },
      },
    ),
};
