/** Drafts of a period's report (one per organisation and period) and receipts of submitted reports. */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { FIGURE_STATUSES } from '../../../lib/enums';
import { column, readFirst, readOne } from '../../../lib/rows';
import type { FigureStatusValue } from '../model/figure-types';

export interface DraftRow {
  organizationId: string;
  period: string;
  content: string;
  savedBy: string;
  savedAt: string;
}

interface ReceiptFigureRow {
  indicator: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: FigureStatusValue;
  explanation: string | null;
}

export interface ReceiptRow {
  id: string;
  organizationId: string;
  period: string;
  submittedBy: string;
  submittedByOrg: string;
  submittedAt: string;
  created: number;
  updated: number;
  unchanged: number;
  figures: ReceiptFigureRow[];
}

const DraftColumns = z
  .object({
    organization_id: column.text,
    period: column.text,
    content: column.text,
    saved_by: column.text,
    saved_at: column.instant,
  })
  .transform((r): DraftRow => ({
    organizationId: r.organization_id,
    period: r.period,
    content: r.content,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
  }));

/** A receipt's figures, kept as JSON when the report landed. */
const ReceiptFigure = z.object({
  indicator: z.string(),
  breakdown: z.string(),
  value: column.optionalNumber,
  numerator: column.optionalNumber,
  denominator: column.optionalNumber,
  status: column.oneOf(FIGURE_STATUSES),
  explanation: z.string().nullable(),
}) satisfies z.ZodType<ReceiptFigureRow, unknown>;

const ReceiptColumns = z
  .object({
    id: column.text,
    organization_id: column.text,
    period: column.text,
    submitted_by: column.text,
    submitted_by_org: column.text,
    submitted_at: column.instant,
    created: column.number,
    updated: column.number,
    unchanged: column.number,
    figures: z.array(ReceiptFigure),
  })
  .transform((r): ReceiptRow => ({
    id: r.id,
    organizationId: r.organization_id,
    period: r.period,
    submittedBy: r.submitted_by,
    submittedByOrg: r.submitted_by_org,
    submittedAt: r.submitted_at,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    figures: r.figures,
  }));

export class ReportStore {
  constructor(private readonly db: DataSource) {}

  async saveDraft(organizationId: string, period: string, content: string, savedBy: string): Promise<DraftRow> {
    const rows: unknown = await this.db.query(
      `INSERT INTO report_draft (organization_id, period, content, saved_by, saved_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (organization_id, period) DO UPDATE SET content = $3, saved_by = $4, saved_at = clock_timestamp()
       RETURNING *`,
      [organizationId, period, content, savedBy],
    );
    return readOne('saved draft', DraftColumns, rows);
  }

  async draft(organizationId: string, period: string): Promise<DraftRow | null> {
    const rows: unknown = await this.db.query(`SELECT * FROM report_draft WHERE organization_id = $1 AND period = $2`, [
      organizationId,
      period,
    ]);
    return readFirst('draft', DraftColumns, rows);
  }

  async dropDraft(organizationId: string, period: string): Promise<void> {
    await this.db.query(`DELETE FROM report_draft WHERE organization_id = $1 AND period = $2`, [organizationId, period]);
  }

  /** Records a receipt; the receipt already recorded for the same organisation and key when there is one. */
  async recordReceipt(receipt: Omit<ReceiptRow, 'id' | 'submittedAt'>, key: string): Promise<ReceiptRow> {
    await this.db.query(
      `INSERT INTO report_receipt (id, organization_id, period, idempotency_key, submitted_by, submitted_by_org, submitted_at,
                                   created, updated, unchanged, figures)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), $7, $8, $9, $10)
       ON CONFLICT (organization_id, idempotency_key) DO NOTHING`,
      [
        randomUUID(),
        receipt.organizationId,
        receipt.period,
        key,
        receipt.submittedBy,
        receipt.submittedByOrg,
        receipt.created,
        receipt.updated,
        receipt.unchanged,
        JSON.stringify(receipt.figures),
      ],
    );
    const rows: unknown = await this.db.query(
      `SELECT * FROM report_receipt WHERE organization_id = $1 AND idempotency_key = $2`,
      [receipt.organizationId, key],
    );
    return readOne('recorded receipt', ReceiptColumns, rows);
  }

  async receipt(id: string): Promise<ReceiptRow | null> {
    const rows: unknown = await this.db.query(`SELECT * FROM report_receipt WHERE id = $1`, [id]);
    return readFirst('receipt', ReceiptColumns, rows);
  }
}
