/** Per-request DataLoaders of the organizations subgraph: one statement per batch. */
import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../lib/collections';
import type { Store } from '../../lib/db';
import type { OrganizationRecord } from './data/entities';
import { OrganizationRepository } from './data/repository';

export function createLoaders(store: Store) {
  const repository = new OrganizationRepository(store.dataSource);
  return {
    repository,
    organization: new DataLoader<string, OrganizationRecord | null>(async (ids) =>
      oneByKey(ids, await repository.byIds(ids), (o) => o.id),
    ),
    /** By id, canonical name or alias. */
    organizationByReference: new DataLoader<string, OrganizationRecord | null>(async (references) => {
      const found = await repository.byReferences(references);
      return references.map((reference) => found.get(reference) ?? null);
    }),
    aliases: new DataLoader<string, string[]>(async (ids) =>
      manyByKey(ids, await repository.aliasesOf(ids), (a) => a.organizationId).map((rows) => rows.map((a) => a.alias)),
    ),
    children: new DataLoader<string, OrganizationRecord[]>(async (ids) =>
      manyByKey(ids, await repository.childrenOf(ids), (o) => o.parentId ?? ''),
    ),
  };
}
export type OrganizationLoaders = ReturnType<typeof createLoaders>;
