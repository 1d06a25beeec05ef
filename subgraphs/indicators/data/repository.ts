/** Reads of the indicators subgraph's own tables. */
import { In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { notFound } from '../../../lib/errors';
import { column, readRows } from '../../../lib/rows';
import { IndicatorOwnerRecord, IndicatorRecord, IndicatorTaskRecord } from './entities';

export interface IndicatorQuery {
  headline?: boolean | null;
  ownerId?: string | null;
  taskId?: string | null;
  comparator?: string | null;
}

export interface IndicatorRules {
  id: string;
  rollup: string;
  valueKind: string;
  periodTypes: string[];
  minValue: number | null;
  maxValue: number | null;
  integerOnly: boolean;
  formula: string | null;
  owners: string[];
  meanOfRates?: boolean;
}

/** An indicator's rules found by a reference, with the reference (byReferences). */
const RulesColumns = z.object({
  ref: column.text,
  id: column.text,
  rollup: column.text,
  valueKind: column.text,
  periodTypes: column.texts,
  minValue: column.optionalNumber,
  maxValue: column.optionalNumber,
  integerOnly: column.boolean,
  formula: column.optionalText,
  meanOfRates: column.boolean,
  /** Null when the indicator has no owner. */
  owners: column.texts.nullable(),
});

export class IndicatorRepository {
  constructor(private readonly db: DataSource) {}

  list(query: IndicatorQuery = {}): Promise<IndicatorRecord[]> {
    const q = this.db.getRepository(IndicatorRecord).createQueryBuilder('i').orderBy('i.headline', 'DESC').addOrderBy('i.id');
    if (query.headline != null) q.andWhere('i.headline = :headline', { headline: query.headline });
    if (query.comparator) q.andWhere('i.comparator = :comparator', { comparator: query.comparator });
    if (query.ownerId)
      q.andWhere('EXISTS (SELECT 1 FROM indicator_owner o WHERE o.indicator_id = i.id AND o.organization_id = :owner)', {
        owner: query.ownerId,
      });
    if (query.taskId)
      q.andWhere('EXISTS (SELECT 1 FROM indicator_task t WHERE t.indicator_id = i.id AND t.task_id = :task)', {
        task: query.taskId,
      });
    return q.getMany();
  }

  byIds(ids: readonly string[]): Promise<IndicatorRecord[]> {
    return this.db.getRepository(IndicatorRecord).findBy({ id: In([...ids]) });
  }

  /** Indicators by id, Chinese name or English name, with their value rules. */
  async byReferences(references: readonly string[]): Promise<Map<string, IndicatorRules>> {
    const rows: unknown = await this.db.query(
      `SELECT r.ref, i.id, i.rollup, i.value_kind AS "valueKind", i.period_types AS "periodTypes", i.min_value AS "minValue", i.max_value AS "maxValue",
              i.integer_only AS "integerOnly", i.formula, i.mean_of_rates AS "meanOfRates", array_agg(o.organization_id ORDER BY o.position)
                FILTER (WHERE o.organization_id IS NOT NULL) AS owners
         FROM unnest($1::text[]) AS r(ref)
         JOIN indicator i ON i.id = r.ref OR i.name = r.ref OR lower(i.name_en) = lower(r.ref)
         LEFT JOIN indicator_owner o ON o.indicator_id = i.id
        GROUP BY r.ref, i.id`,
      [[...new Set(references)]],
    );
    return new Map(
      readRows('indicators by reference', RulesColumns, rows).map(({ ref, ...row }) => [
        ref,
        { ...row, owners: row.owners ?? [] },
      ]),
    );
  }

  /** One indicator by id or name, with its rules; NOT_FOUND when there is none. */
  async byReference(reference: string): Promise<IndicatorRules> {
    const found = (await this.byReferences([reference.trim()])).get(reference.trim());
    if (!found) throw notFound('indicator', reference.slice(0, 80));
    return found;
  }

  ownersOf(indicatorIds: readonly string[]): Promise<IndicatorOwnerRecord[]> {
    return this.db
      .getRepository(IndicatorOwnerRecord)
      .find({ where: { indicatorId: In([...indicatorIds]) }, order: { indicatorId: 'ASC', position: 'ASC' } });
  }

  tasksOf(indicatorIds: readonly string[]): Promise<IndicatorTaskRecord[]> {
    return this.db
      .getRepository(IndicatorTaskRecord)
      .find({ where: { indicatorId: In([...indicatorIds]) }, order: { indicatorId: 'ASC', taskId: 'ASC' } });
  }

  /** Indicators linked to each task, paired with the task id. */
  async ofTasks(taskIds: readonly string[]): Promise<Array<IndicatorRecord & { taskId: string }>> {
    const rows: unknown = await this.db.query(
      `SELECT l.task_id AS "taskId", ${INDICATOR_COLUMNS}
         FROM indicator_task l JOIN indicator i ON i.id = l.indicator_id
        WHERE l.task_id = ANY($1::text[]) ORDER BY l.task_id, i.id`,
      [taskIds],
    );
    return readRows('indicators of tasks', TaskIndicatorColumns, rows);
  }

  /** Indicators each organisation owns, paired with the organisation id. */
  async ofOwners(organizationIds: readonly string[]): Promise<Array<IndicatorRecord & { organizationId: string }>> {
    const rows: unknown = await this.db.query(
      `SELECT o.organization_id AS "organizationId", ${INDICATOR_COLUMNS}
         FROM indicator_owner o JOIN indicator i ON i.id = o.indicator_id
        WHERE o.organization_id = ANY($1::text[]) ORDER BY o.organization_id, i.headline DESC, i.id`,
      [organizationIds],
    );
    return readRows('indicators of owners', OwnedIndicatorColumns, rows);
  }
}

const INDICATOR_COLUMNS = `i.id, i.name, i.name_en AS "nameEn", i.unit, i.unit_en AS "unitEn", i.value_kind AS "valueKind",
  i.comparator, i.target_value AS "targetValue", i.deadline, i.periodicity, i.rollup, i.headline, i.quote, i.source,
  i.period_types AS "periodTypes", i.min_value::float8 AS "minValue", i.max_value::float8 AS "maxValue", i.integer_only AS "integerOnly",
  i.formula, i.calendar_period_type AS "calendarPeriodType", i.calendar_due_days AS "calendarDueDays", i.reporting_from::text AS "reportingFrom",
  i.strict_bound AS "strictBound", i.weight_indicator_id AS "weightIndicatorId", i.mean_of_rates AS "meanOfRates"`;

/** INDICATOR_COLUMNS as read. */
const IndicatorColumns = z.object({
  id: column.text,
  name: column.text,
  nameEn: column.text,
  unit: column.text,
  unitEn: column.text,
  valueKind: column.text,
  comparator: column.optionalText,
  targetValue: column.optionalNumber,
  deadline: column.optionalText,
  periodicity: column.text,
  rollup: column.text,
  headline: column.boolean,
  quote: column.text,
  source: column.text,
  periodTypes: column.texts,
  minValue: column.optionalNumber,
  maxValue: column.optionalNumber,
  integerOnly: column.boolean,
  formula: column.optionalText,
  calendarPeriodType: column.optionalText,
  calendarDueDays: column.optionalNumber,
  reportingFrom: column.text,
  strictBound: column.boolean,
  weightIndicatorId: column.optionalText,
  meanOfRates: column.boolean,
});
const TaskIndicatorColumns = IndicatorColumns.extend({ taskId: column.text });
const OwnedIndicatorColumns = IndicatorColumns.extend({ organizationId: column.text });
