/** Per-request DataLoaders of the tasks subgraph: one statement per batch. */
import DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../lib/collections';
import type { Store } from '../../lib/db';
import type { MeasureRecord, SectionRecord, TaskRecord, TaskResponsibleRecord } from './data/entities';
import { TaskRepository } from './data/repository';

const numberKeys = (keys: readonly number[]) => keys.map(String);

export function createLoaders(store: Store) {
  const repository = new TaskRepository(store.dataSource);
  return {
    repository,
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
