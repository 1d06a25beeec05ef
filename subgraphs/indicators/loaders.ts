/** Per-request DataLoaders of the indicators subgraph: one statement per batch. */
import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../lib/collections';
import type { Store } from '../../lib/db';
import type { IndicatorOwnerRecord, IndicatorRecord, IndicatorTaskRecord } from './data/entities';
import { IndicatorRepository } from './data/repository';

export function createLoaders(store: Store) {
  const repository = new IndicatorRepository(store.dataSource);
  return {
    repository,
    indicator: new DataLoader<string, IndicatorRecord | null>(async (ids) =>
      oneByKey(ids, await repository.byIds(ids), (i) => i.id),
    ),
    owners: new DataLoader<string, IndicatorOwnerRecord[]>(async (ids) =>
      manyByKey(ids, await repository.ownersOf(ids), (o) => o.indicatorId),
    ),
    tasks: new DataLoader<string, IndicatorTaskRecord[]>(async (ids) =>
      manyByKey(ids, await repository.tasksOf(ids), (t) => t.indicatorId),
    ),
    ofTask: new DataLoader<string, IndicatorRecord[]>(async (taskIds) =>
      manyByKey(taskIds, await repository.ofTasks(taskIds), (i) => i.taskId),
    ),
    ofOwner: new DataLoader<string, IndicatorRecord[]>(async (orgIds) =>
      manyByKey(orgIds, await repository.ofOwners(orgIds), (i) => i.organizationId),
    ),
  };
}
export type IndicatorLoaders = ReturnType<typeof createLoaders>;
