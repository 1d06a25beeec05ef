/** Drafts of a period's report (one per organisation and period) and receipts of submitted reports. */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isoTime } from '../../../lib/sql';
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

const toDraft = (row: Record<string, unknown>): DraftRow => ({
  organizationId: row.organization_id as string,
  period: row.period as string,
  content: row.content as string,
  savedBy: row.saved_by as string,
  savedAt: isoTime(row.saved_at),
});

const toReceipt = (row: Record<string, unknown>): ReceiptRow => ({
  id: row.id as string,
  organizationId: row.organization_id as string,
  period: row.period as string,
  submittedBy: row.submitted_by as string,
  submittedByOrg: row.submitted_by_org as string,
  submittedAt: isoTime(row.submitted_at),
  created: row.created as number,
  updated: row.updated as number,
  unchanged: row.unchanged as number,
  figures: row.figures as ReceiptFigureRow[],
});

export class ReportStore {
  constructor(private readonly db: DataSource) {}

  async saveDraft(organizationId: string, period: string, content: string, savedBy: string): Promise<DraftRow> {
    const [row] = await this.db.query(
      `INSERT INTO report_draft (organization_id, period, content, saved_by, saved_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (organization_id, period) DO UPDATE SET content = $3, saved_by = $4, saved_at = clock_timestamp()
       RETURNING *`,
      [organizationId, period, content, savedBy],
    );
    return toDraft(row);
  }

  async draft(organizationId: string, period: string): Promise<DraftRow | null> {
    const [row] = await this.db.query(`SELECT * FROM report_draft WHERE organization_id = $1 AND period = $2`, [
      organizationId,
      period,
    ]);
    return row ? toDraft(row) : null;
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
    const [row] = await this.db.query(`SELECT * FROM report_receipt WHERE organization_id = $1 AND idempotency_key = $2`, [
      receipt.organizationId,
      key,
    ]);
    return toReceipt(row);
  }

  async receipt(id: string): Promise<ReceiptRow | null> {
    const [row] = await this.db.query(`SELECT * FROM report_receipt WHERE id = $1`, [id]);
    return row ? toReceipt(row) : null;
  }
}
