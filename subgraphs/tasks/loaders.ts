/** Per-request DataLoaders of the tasks subgraph: one statement per batch. */
import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../lib/collections';
import type { Store } from '../../lib/db';
import type { MeasureRecord, SectionRecord, TaskRecord, TaskResponsibleRecord } from './data/entities';
import { ProgressRepository, type TaskReportRow } from './data/progress-repository';
import { TaskRepository } from './data/repository';
import { endOfDay } from './model/progress';

const numberKeys = (keys: readonly number[]) => keys.map(String);

/** Reports by task, one DataLoader per as-of day: all tasks' reports of one day cost one statement. */
function reportLoaders(repository: ProgressRepository) {
  const byDay = new Map<string, DataLoader<string, TaskReportRow[]>>();
  return {
    repository,
    /** Reports of a task recorded up to the end of asOf (YYYY-MM-DD), oldest first. */
    asOf(asOf: string): DataLoader<string, TaskReportRow[]> {
      let loader = byDay.get(asOf);
      if (!loader) {
        loader = new DataLoader<string, TaskReportRow[]>(async (taskIds) =>
          manyByKey(taskIds, await repository.reportsOf(taskIds, endOfDay(asOf)), (r) => r.taskId),
        );
        byDay.set(asOf, loader);
      }
      return loader;
    },
    /** Forgets what this request read of a task's reports, after a new report on it. */
    forget(taskId: string): void {
      for (const loader of byDay.values()) loader.clear(taskId);
    },
  };
}

export function createLoaders(store: Store) {
  const repository = new TaskRepository(store.dataSource);
  return {
    repository,
    reports: reportLoaders(new ProgressRepository(store.dataSource)),
    task: new DataLoader<string, TaskRecord | null>(async (ids) => oneByKey(ids, await repository.tasksByIds(ids), (t) => t.id)),
    responsible: new DataLoader<string, TaskResponsibleRecord[]>(async (taskIds) =>
      manyByKey(taskIds, await repository.responsibleOf(taskIds), (r) => r.taskId),
    ),
    /** Tasks an organisation shares, lead or not. */
    tasksOfOrganization: new DataLoader<string, TaskRecord[]>(async (orgIds) =>
      manyByKey(orgIds, await repository.tasksOfOrganizations(orgIds), (t) => t.organizationId),
    ),
    section: new DataLoader<number, SectionRecord | null>(async (seqs) =>
      oneByKey(numberKeys(seqs), await repository.sections(seqs), (s) => String(s.seq)),
    ),
    measure: new DataLoader<number, MeasureRecord | null>(async (seqs) =>
      oneByKey(numberKeys(seqs), await repository.measures({ seqs }), (m) => String(m.seq)),
    ),
    measuresOfSection: new DataLoader<number, MeasureRecord[]>(async (seqs) =>
      manyByKey(numberKeys(seqs), await repository.measures({ sectionSeqs: seqs }), (m) => String(m.sectionSeq)),
    ),
    tasksOfSection: new DataLoader<number, TaskRecord[]>(async (seqs) =>
      manyByKey(numberKeys(seqs), await repository.tasksOfSections(seqs), (t) => String(t.sectionSeq)),
    ),
    tasksOfMeasure: new DataLoader<number, TaskRecord[]>(async (seqs) =>
      manyByKey(numberKeys(seqs), await repository.tasksOfMeasures(seqs), (t) => String(t.measureSeq)),
    ),
  };
}
export type TaskLoaders = ReturnType<typeof createLoaders>;
