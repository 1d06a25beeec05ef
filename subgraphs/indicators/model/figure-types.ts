/**
 * The figures domain's own types: what a push carries and what it answers. The GraphQL
 * classes of schema/figure.ts map onto them at the resolver's edge.
 */
import type { FigureStatus, QualityFlag } from '../../../lib/enums';

/** A figure's lifecycle: reported and open to change, or confirmed. */
export type FigureStatusValue = FigureStatus;
/** Quality flags, apart from the status (lib/enums.ts maps each to its SDMX OBS_STATUS code). */
export type QualityFlagValue = QualityFlag;

/** One figure as a caller sends it. */
export interface FigureRow {
  indicator: string;
  period: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  breakdown?: string | null;
  status?: FigureStatusValue | null;
  flags?: QualityFlagValue[] | null;
  /** The day it was originally reported, YYYY-MM-DD (coordinators and admins, loading history). */
  reportedOn?: string | null;
  note?: string | null;
  source?: string | null;
  reason?: string | null;
  /** Why a figure that raises a warning (e.g. IMPLAUSIBLE_JUMP) is right. */
  explanation?: string | null;
  withdraw?: boolean | null;
  organization?: string | null;
}

export interface PushRequest {
  figures: FigureRow[];
  dryRun?: boolean | null;
  atomic?: boolean | null;
  idempotencyKey?: string | null;
  /** Refuse a row whose warnings carry no explanation (EXPLANATION_REQUIRED). */
  requireExplanations?: boolean | null;
}

/** What a push did, row by row. */
export interface PushSummary {
  idempotencyKey: string | null;
  replayed: boolean;
  dryRun: boolean;
  atomic: boolean;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  rejections: Array<{ index: number; field: string; code: string; message: string }>;
  warnings: Array<{ index: number; code: string; message: string }>;
}
