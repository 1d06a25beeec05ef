/**
 * The part of a push that reads the database's state, shared by `pushFigures` and the bulk
 * path (bulk-push.ts): prepared rows checked against period locks, entry windows, accepted
 * submissions, the stored figures (unchanged rows, withdrawals of nothing, corrections of
 * FINAL figures, plausibility) and reconciliation; then written with their submissions.
 */
import type { EntityManager } from 'typeorm';
import type { IndicatorSettings } from '../../../lib/config';
import { ErrorCode } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { locksFor, serialise, writeRevisions } from '../data/figure-store';
import { reconciliationBasis } from '../data/reconciliation-reads';
import type { IndicatorRules } from '../data/repository';
import type { MarkedSubmissions } from '../data/submission-marks';
import { refuseUnexplained } from '../model/explanations';
import type { Combined } from '../model/coverage';
import { seriesKey } from '../model/keys';
import type { PushSummary } from '../model/figure-types';
import { onlyMixedYears, reconciliationKeys, reconciliationWarnings } from '../model/push-checks';
import type { PreparedRow, Rejection } from '../model/rows';
import { rowsInWindow } from './entry-window';
import { compareWithStored, storedFigures } from './push-compare';
import { openRows, recordSubmissions, type WrittenRows } from './submission-push';

type Warning = PushSummary['warnings'][number];

/**
 * Rows checked against the stored state: those to write with the value each replaces (as
 * read under the push's locks), and what the others and the checks gave.
 */
export interface Checked extends WrittenRows {
  rejections: Rejection[];
  unchanged: number;
}

/** What configuration sets of a push: its size, plausibility, entry windows. */
export type PushSettings = Pick<IndicatorSettings, 'maxPushRows' | 'plausibilityFactor' | 'entryWindows'>;

export interface CheckOptions {
  identity: Identity;
  /** How each indicator's figures combine: its roll-up rule, and whether its breakdowns add up. */
  combinedOf: (indicatorId: string) => Combined;
  requireExplanations: boolean;
  /** When the rows are checked: entry windows and exceptions in force. */
  now: Date;
  /** Entry windows and the plausibility factor (and the push's size, checked before). */
  settings: PushSettings;
  /**
   * The breakdown-years (yearKey) that hold figures of several period types, when the
   * caller found them for all its rows at once (a file's, bulk-land.ts): only these are
   * read for the reconciliation of parts; otherwise each is asked of the database.
   */
  mixedYears?: ReadonlySet<string>;
}

/** How the indicators' figures combine, by id (an id not among them: a rule that reconciles nothing). */
export function combinedOf(indicators: Iterable<IndicatorRules>): (indicatorId: string) => Combined {
  const byId = new Map([...indicators].map((i) => [i.id, { rollup: i.rollup, valueKind: i.valueKind }]));
  return (id) => byId.get(id) ?? { rollup: '', valueKind: '' };
}

/** The rows inside no locked period; the others are rejected PERIOD_LOCKED. */
async function unlockedRows(manager: EntityManager, rows: PreparedRow[], rejections: Rejection[]): Promise<PreparedRow[]> {
  const locks = await locksFor(manager, [...new Set(rows.map((r) => r.indicatorId))]);
  return rows.filter((row) => {
    const lock = locks.find(
      (l) =>
        (l.indicatorId === null || l.indicatorId === row.indicatorId) &&
        l.periodStart <= row.period.start &&
        row.period.end <= l.periodEnd,
    );
    if (lock)
      rejections.push({
        index: row.index,
        field: 'period',
        code: ErrorCode.PERIOD_LOCKED,
        message: `period ${lock.period} is locked`,
      });
    return !lock;
  });
}

function reconciliationKeysOf(rows: PreparedRow[], options: CheckOptions) {
  const keys = reconciliationKeys(rows, options.combinedOf);
  return options.mixedYears ? onlyMixedYears(keys, options.mixedYears) : keys;
}

/**
 * Checks rows against the database's state (pushes of their indicators serialised first).
 * The rows of one batch are checked together: a row's previous period and the figures it
 * reconciles with are taken from the batch when it carries them.
 */
export async function checkRows(manager: EntityManager, options: CheckOptions, prepared: PreparedRow[]): Promise<Checked> {
  const rejections: Rejection[] = [];
  await serialise(manager, [...new Set(prepared.map((r) => r.indicatorId))]);
  const unlocked = await unlockedRows(manager, prepared, rejections);
  const open = await openRows(manager, await rowsInWindow(manager, options.identity, unlocked, rejections, options), rejections);
  const scratch = { unchanged: 0, warnings: [] as Warning[] } as PushSummary;
  const stored = await storedFigures(manager, open);
  const toWrite = compareWithStored(open, stored, scratch, rejections, options.settings.plausibilityFactor);
  const basis = await reconciliationBasis(manager, reconciliationKeysOf(toWrite, options));
  // The rows' own stored figures (the basis leaves out breakdown-years with nothing to tile).
  const own = toWrite.flatMap((r) => stored.get(seriesKey(r.indicatorId, r.period.text, r.breakdown)) ?? []);
  const reconciliation = reconciliationWarnings(toWrite, { ...basis, figures: [...basis.figures, ...own] }, options.combinedOf);
  scratch.warnings.push(...reconciliation);
  // Stored with the revision, and explained like any other warning.
  const byIndex = new Map(toWrite.map((r) => [r.index, r]));
  for (const w of reconciliation) byIndex.get(w.index)?.warningCodes.push(w.code);
  scratch.warnings.sort((a, b) => a.index - b.index);
  const rows = options.requireExplanations ? refuseUnexplained(toWrite, scratch, rejections) : toWrite;
  const before = new Map(
    rows.map((r) => {
      const now = stored.get(seriesKey(r.indicatorId, r.period.text, r.breakdown));
      return [r.index, now && !now.withdrawn ? now.value : null];
    }),
  );
  return { rows, before, rejections, warnings: scratch.warnings, unchanged: scratch.unchanged };
}

/**
 * Writes checked rows (their revisions, then their submissions and warnings); the counts of
 * what changed. A file's batches share `marked`: one event per submission for the file.
 */
export async function writeChecked(
  manager: EntityManager,
  identity: Identity,
  importKey: string | null,
  checked: Checked,
  marked?: MarkedSubmissions,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const written = await writeRevisions(manager, checked.rows, {
    subject: identity.subject,
    organizationId: identity.org,
    importKey,
  });
  await recordSubmissions(manager, identity, checked, marked);
  return written;
}
