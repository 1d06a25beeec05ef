/** Per-request DataLoaders of the indicators subgraph: one statement per batch. */
import DataLoader from 'dataloader';
import { compositeKey, manyByKey, oneByKey } from '../../lib/collections';
import type { Store } from '../../lib/db';
import type { IndicatorOwnerRecord, IndicatorRecord, IndicatorTaskRecord } from './data/entities';
import { type FigureQuery, FigureReads } from './data/figure-reads';
import { KpiReads } from './data/kpi-reads';
import type { BaselineRow } from './data/kpi-rows';
import { IndicatorRepository } from './data/repository';
import { type BreakdownKpi, evaluateKpis, type ExpectedReport, expectedReports, seriesOf } from './services/kpi-service';
import { axesKey, type TimeAxes } from './model/axes';
import { indicatorKey } from './model/keys';
import type { Observation } from './model/kpi';
import type { Figure, FigureRevision } from './schema/figure';

export function createLoaders(store: Store) {
  const repository = new IndicatorRepository(store.dataSource);
  const figures = new FigureReads(store.dataSource);
  /** One loader per distinct set of arguments, so each batch is one statement. */
  const figuresByQuery = new Map<string, DataLoader<string, Figure[]>>();
  const historyByAsOf = new Map<string, DataLoader<string, FigureRevision[]>>();
  const kpiReads = new KpiReads(store.dataSource);
  /** Memoises one loader per set of time axes (and figure rule), each batching indicator or organisation ids. */
  const perKey = <V, K = string>(batch: (axes: TimeAxes, ids: readonly K[]) => Promise<V[]>, cacheKeyFn?: (key: K) => string) => {
    const loaders = new Map<string, DataLoader<K, V, string>>();
    return (axes: TimeAxes): DataLoader<K, V, string> => {
      let loader = loaders.get(axesKey(axes));
      if (!loader) {
        loader = new DataLoader<K, V, string>((ids) => batch(axes, ids), { cacheKeyFn });
        loaders.set(axesKey(axes), loader);
      }
      return loader;
    };
  };
  return {
    repository,
    figures,
    kpiReads,
    /** The latest baseline of each indicator's total. */
    baseline: new DataLoader<string, BaselineRow | null>(async (ids) => {
      const found = await kpiReads.baselines(ids);
      return ids.map((id) => found.get(indicatorKey(id, '')) ?? null);
    }),
    /** The KPI of each indicator's total, on the time axes and figure rule. */
    kpi: perKey<BreakdownKpi | null>(async (axes, ids) => {
      const kpis = await evaluateKpis(kpiReads, ids, axes);
      return ids.map((id) => kpis.get(id)?.[0] ?? null);
    }),
    /** The KPIs of the total and of each breakdown. */
    kpisByBreakdown: perKey<BreakdownKpi[]>(async (axes, ids) => {
      const kpis = await evaluateKpis(kpiReads, ids, axes, true);
      return ids.map((id) => kpis.get(id) ?? []);
    }),
    /** The breakdowns of the periods a total was summed from. */
    breakdownNames: perKey<string[], { indicatorId: string; periods: string[] }>(
      (axes, keys) => kpiReads.breakdownNames(keys, axes),
      (k) => compositeKey(k.indicatorId, ...k.periods),
    ),
    series: perKey<Observation[]>(async (axes, ids) => {
      const series = await seriesOf(kpiReads, ids, axes);
      return ids.map((id) => series.get(id) ?? []);
    }),
    /** Reports due from each organisation (as principal owner), on two time axes. */
    reportsOf: perKey<ExpectedReport[]>(async (axes, orgIds) =>
      manyByKey(orgIds, await expectedReports(kpiReads, axes, { organizationIds: orgIds }), (r) => r.organizationId),
    ),
    /** Reports due for each indicator, on two time axes. */
    reportsFor: perKey<ExpectedReport[]>(async (axes, ids) =>
      manyByKey(ids, await expectedReports(kpiReads, axes, { indicatorIds: ids }), (r) => r.indicatorId),
    ),
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
