/** Per-request DataLoaders of the indicators subgraph: one statement per batch. */
import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../lib/collections';
import type { Store } from '../../lib/db';
import type { IndicatorOwnerRecord, IndicatorRecord, IndicatorTaskRecord } from './data/entities';
import { type FigureQuery, FigureReads } from './data/figure-reads';
import { IndicatorRepository } from './data/repository';
import type { Figure, FigureRevision } from './schema/figure';

export function createLoaders(store: Store) {
  const repository = new IndicatorRepository(store.dataSource);
  const figures = new FigureReads(store.dataSource);
  /** One loader per distinct set of arguments, so each batch is one statement. */
  const figuresByQuery = new Map<string, DataLoader<string, Figure[]>>();
  const historyByAsOf = new Map<string, DataLoader<string, FigureRevision[]>>();
  return {
    repository,
    figures,
    figuresOf: (query: FigureQuery): DataLoader<string, Figure[]> => {
      const key = JSON.stringify(query);
      let loader = figuresByQuery.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => manyByKey(ids, await figures.ofIndicators(ids, query), (f) => f.indicatorId));
        figuresByQuery.set(key, loader);
      }
      return loader;
    },
    historyOf: (asOf: string | null): DataLoader<string, FigureRevision[]> => {
      const key = asOf ?? '';
      let loader = historyByAsOf.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => manyByKey(ids, await figures.history(ids, asOf), (r) => r.seriesId));
        historyByAsOf.set(key, loader);
      }
      return loader;
    },
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
