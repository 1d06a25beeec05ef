/** Reads of the tasks subgraph's own tables. */
import { In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import { MeasureRecord, PhaseRecord, PlanRecord, SectionRecord, TaskRecord, TaskResponsibleRecord } from './entities';

export interface TaskQuery {
  sectionSeq?: number | null;
  measureSeq?: number | null;
  featured?: boolean | null;
  ongoing?: boolean | null;
  deadlineFrom?: string | null;
  deadlineTo?: string | null;
  organizationId?: string | null;
  leadOnly?: boolean | null;
}

export class TaskRepository {
  constructor(private readonly db: DataSource) {}

  plan(): Promise<PlanRecord | null> {
    return this.db.getRepository(PlanRecord).findOne({ where: {}, order: { id: 'ASC' } });
  }

  phases(planId: string): Promise<PhaseRecord[]> {
    return this.db.getRepository(PhaseRecord).find({ where: { planId }, order: { seq: 'ASC' } });
  }

  sections(seqs?: readonly number[]): Promise<SectionRecord[]> {
    return this.db.getRepository(SectionRecord).find({ where: seqs ? { seq: In([...seqs]) } : {}, order: { seq: 'ASC' } });
  }

  measures(where: { seqs?: readonly number[]; sectionSeqs?: readonly number[] } = {}): Promise<MeasureRecord[]> {
    return this.db.getRepository(MeasureRecord).find({
      where: {
        ...(where.seqs ? { seq: In([...where.seqs]) } : {}),
        ...(where.sectionSeqs ? { sectionSeq: In([...where.sectionSeqs]) } : {}),
      },
      order: { seq: 'ASC' },
    });
  }

  tasks(query: TaskQuery = {}): Promise<TaskRecord[]> {
    const q = this.db.getRepository(TaskRecord).createQueryBuilder('t').orderBy('t.seq');
    if (query.sectionSeq != null) q.andWhere('t.section_seq = :section', { section: query.sectionSeq });
    if (query.measureSeq != null) q.andWhere('t.measure_seq = :measure', { measure: query.measureSeq });
    if (query.featured != null) q.andWhere('t.featured = :featured', { featured: query.featured });
    if (query.ongoing != null) q.andWhere('t.ongoing = :ongoing', { ongoing: query.ongoing });
    if (query.deadlineFrom) q.andWhere('t.deadline >= :from', { from: query.deadlineFrom });
    if (query.deadlineTo) q.andWhere('t.deadline <= :to', { to: query.deadlineTo });
    if (query.organizationId) {
      if (query.leadOnly) q.andWhere('t.lead_organization_id = :org', { org: query.organizationId });
      else
        q.andWhere('EXISTS (SELECT 1 FROM task_responsible r WHERE r.task_id = t.id AND r.organization_id = :org)', {
          org: query.organizationId,
        });
    }
    return q.getMany();
  }

  tasksByIds(ids: readonly string[]): Promise<TaskRecord[]> {
    return this.db.getRepository(TaskRecord).findBy({ id: In([...ids]) });
  }

  tasksOfSections(sectionSeqs: readonly number[]): Promise<TaskRecord[]> {
    return this.db.getRepository(TaskRecord).find({ where: { sectionSeq: In([...sectionSeqs]) }, order: { seq: 'ASC' } });
  }

  tasksOfMeasures(measureSeqs: readonly number[]): Promise<TaskRecord[]> {
    return this.db.getRepository(TaskRecord).find({ where: { measureSeq: In([...measureSeqs]) }, order: { seq: 'ASC' } });
  }

  responsibleOf(taskIds: readonly string[]): Promise<TaskResponsibleRecord[]> {
    return this.db
      .getRepository(TaskResponsibleRecord)
      .find({ where: { taskId: In([...taskIds]) }, order: { taskId: 'ASC', position: 'ASC' } });
  }

  /** Tasks shared by each organisation (in any position), paired with the organisation's id. */
  async tasksOfOrganizations(organizationIds: readonly string[]): Promise<Array<TaskRecord & { organizationId: string }>> {
    const rows: unknown = await this.db.query(
      `SELECT DISTINCT ON (r.organization_id, t.seq)
              r.organization_id AS "organizationId", ${TASK_COLUMNS}
         FROM task t JOIN task_responsible r ON r.task_id = t.id
        WHERE r.organization_id = ANY($1::text[])
        ORDER BY r.organization_id, t.seq`,
      [organizationIds],
    );
    return readRows('tasks of organisations', OrganizationTaskColumns, rows);
  }
}

const TASK_COLUMNS = `t.id, t.seq, t.section_seq AS "sectionSeq", t.measure_seq AS "measureSeq", t.category,
  t.category_as_printed AS "categoryAsPrinted", t.content, t.featured, t.responsible_as_written AS "responsibleAsWritten",
  t.deadline_as_written AS "deadlineAsWritten", t.deadline, t.ongoing, t.lead_organization_id AS "leadOrganizationId"`;

/** TASK_COLUMNS as read, with the organisation the task was found for. */
const OrganizationTaskColumns = z.object({
  organizationId: column.text,
  id: column.text,
  seq: column.number,
  sectionSeq: column.number,
  measureSeq: column.number,
  category: column.text,
  categoryAsPrinted: column.optionalText,
  content: column.text,
  featured: column.boolean,
  responsibleAsWritten: column.text,
  deadlineAsWritten: column.text,
  deadline: column.optionalText,
  ongoing: column.boolean,
  leadOrganizationId: column.text,
});
