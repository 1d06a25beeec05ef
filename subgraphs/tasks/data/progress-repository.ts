/** Reads and writes of task progress reports (table task_report). */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { TASK_STATUSES } from '../../../lib/enums';
import { column, readOne, readRows } from '../../../lib/rows';
import type { TaskStatus } from '../model/progress';

/** One stored report (REPORT_COLUMNS as read); it has the ReportFacts the rules need. */
const ReportColumns = z.object({
  id: column.id,
  taskId: column.text,
  /** The responsible organisation the report speaks for. */
  organizationId: column.text,
  status: column.oneOf(TASK_STATUSES),
  note: column.optionalText,
  /** Subject of the token that reported it. */
  reportedBy: column.text,
  reportedByOrg: column.text,
  /** A timestamptz, kept as the Date node-postgres gives: the rules count days from it. */
  reportedAt: z.date(),
});
export type TaskReportRow = z.output<typeof ReportColumns>;

export interface NewTaskReport {
  taskId: string;
  organizationId: string;
  status: TaskStatus;
  note: string | null;
  reportedBy: string;
  reportedByOrg: string;
}

const REPORT_COLUMNS = `id::text AS id, task_id AS "taskId", organization_id AS "organizationId", status, note,
  reported_by AS "reportedBy", reported_by_org AS "reportedByOrg", reported_at AS "reportedAt"`;

export class ProgressRepository {
  constructor(private readonly db: DataSource) {}

  /** Reports of many tasks recorded before `before`, oldest first per task; one statement. */
  async reportsOf(taskIds: readonly string[], before: Date): Promise<TaskReportRow[]> {
    const rows: unknown = await this.db.query(
      `SELECT ${REPORT_COLUMNS}
         FROM task_report
        WHERE task_id = ANY($1::text[]) AND reported_at < $2::timestamptz
        ORDER BY task_id, reported_at, id`,
      [taskIds, before.toISOString()],
    );
    return readRows('task reports', ReportColumns, rows);
  }

  /** Adds a report; reports are never changed or deleted. */
  async record(report: NewTaskReport): Promise<TaskReportRow> {
    const rows: unknown = await this.db.query(
      `INSERT INTO task_report (task_id, organization_id, status, note, reported_by, reported_by_org)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${REPORT_COLUMNS}`,
      [report.taskId, report.organizationId, report.status, report.note, report.reportedBy, report.reportedByOrg],
    );
    return readOne('recorded task report', ReportColumns, rows);
  }
}
