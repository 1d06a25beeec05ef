/**
 * A push of figures, end to end: who may write what, row checks, idempotency, locks,
 * corrections, plausibility, and the import summary that says exactly what landed.
 */
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../../lib/clock';
import { badInput, ErrorCode, forbidden, hubError } from '../../../lib/errors';
import { FIGURE_WRITERS, hasRole, type Identity } from '../../../lib/identity';
import { todayUtc } from '../../../lib/period';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { OrganizationDirectory } from '../organization-directory';
import { claimKey, inTransaction, type KeyClaim, saveSummary } from '../data/figure-store';
import type { IndicatorRepository, IndicatorRules } from '../data/repository';
import type { PushRequest, PushSummary } from '../model/figure-types';
import { PUSH_ROWS_LIMIT } from '../../../lib/list-limits';
import { seriesKey } from '../model/keys';
import { isRejection, type PreparedRow, type Rejection } from '../model/rows';
import { type CheckOptions, checkRows, combinedOf, type PushSettings, writeChecked } from './push-land';
import { prepareFigure, refuseForeign } from './push-rows';

export interface PushDependencies {
  db: DataSource;
  indicators: IndicatorRepository;
  organizations: Pick<OrganizationDirectory, 'resolve'>;
  /** The time rows are checked by: the day (has the period begun?) and entry windows. */
  clock: Clock;
  settings: PushSettings;
}

class DryRunRollback extends Error {
  constructor(readonly summary: PushSummary) {
    super('dry run');
  }
}

function requestHash(input: PushRequest): string {
  return createHash('sha256')
    .update(JSON.stringify({ figures: input.figures, atomic: !!input.atomic }))
    .digest('hex');
}

/** A push: authorise it, prepare its rows, write them. */
export async function pushFigures(deps: PushDependencies, identity: Identity, input: PushRequest): Promise<PushSummary> {
  const now = deps.clock.now();
  const authorised = await authorise(deps, identity, input, now);
  const rows = prepare(identity, input, authorised, now);
  try {
    const combined = combinedOf(authorised.indicators.values());
    const claim = authorised.key ? keyClaim(identity, input, authorised.key, authorised.organizationIds) : null;
    const check = { combinedOf: combined, now, settings: deps.settings };
    return await write(deps.db, identity, input, claim, rows, check);
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

interface Authorised {
  /** The idempotency key, trimmed; null when none. */
  key: string | null;
  /** The indicators the rows name, by the reference each row uses. */
  indicators: Map<string, IndicatorRules>;
  /** The organisations the rows name, by reference. */
  organizationIds: Map<string, string>;
}

/**
 * Checks the push as a whole: its size, its key, the caller's roles; resolves the
 * indicators and organisations it names. A reporter writes only its own organisation's
 * indicators, for itself: anything else refuses the whole push.
 */
async function authorise(deps: PushDependencies, identity: Identity, input: PushRequest, now: Date): Promise<Authorised> {
  const maxRows = deps.settings.maxPushRows;
  if (input.figures.length === 0) throw badInput('figures must not be empty', 'figures');
  if (input.figures.length > maxRows) throw badInput(PUSH_ROWS_LIMIT.message(maxRows, input.figures.length), 'figures');
  const key = input.idempotencyKey?.trim() || null;
  if (key !== null && tooLong(key, 'idempotencyKey')) throw badInput(tooLongMessage('idempotencyKey'), 'idempotencyKey');
  if (!hasRole(identity, ...FIGURE_WRITERS)) throw forbidden('pushing figures needs the reporter, coordinator or admin role');

  const indicators = await deps.indicators.byReferences(
    input.figures.map((f) => String(f.indicator).trim()).filter((ref) => ref.length <= 200),
  );
  const named = input.figures.map((f) => f.organization?.trim()).filter((o): o is string => !!o && o.length <= 200);
  const organizationIds = named.length > 0 ? await deps.organizations.resolve(named) : new Map<string, string>();

  refuseForeign({ identity, indicators, organizationIds, today: todayUtc(now) }, input.figures, named);
  return { key, indicators, organizationIds };
}

/** The key's claim: this writer, for the organisations the rows name (the writer's own when they name none). */
function keyClaim(identity: Identity, input: PushRequest, key: string, organizationIds: Map<string, string>): KeyClaim {
  const targets = input.figures.map((f) => {
    const ref = f.organization?.trim();
    return ref ? organizationIds.get(ref) : identity.org;
  });
  return {
    key,
    requestHash: requestHash(input),
    writer: identity.subject,
    writerOrg: identity.org,
    targets: [...new Set(targets.filter((t): t is string => !!t))].sort(),
  };
}

/** A CONFLICT: the idempotency key was used by another writer, or for other organisations. */
export const keyReused = (key: string) =>
  hubError(ErrorCode.CONFLICT, `idempotencyKey "${key}" was used by another writer or for another organisation`, {
    reason: 'IDEMPOTENCY_KEY_REUSED',
  });

/**
 * A key used before: the same push again replays its summary; another push, or the same
 * key from another writer or for other organisations, is a conflict.
 */
export async function earlierUse(manager: EntityManager, claim: KeyClaim): Promise<PushSummary | null> {
  const earlier = await claimKey(manager, claim);
  if (!earlier) return null;
  if (!earlier.sameWriter) throw keyReused(claim.key);
  if (earlier.requestHash !== claim.requestHash)
    throw hubError(ErrorCode.CONFLICT, `idempotencyKey "${claim.key}" was used for a different push`, {
      reason: 'IDEMPOTENCY_KEY_DIFFERENT_PUSH',
    });
  return { ...(earlier.summary as PushSummary), replayed: true };
}

interface Prepared {
  rows: PreparedRow[];
  rejections: Rejection[];
}

/** Checks each row on its own (organisation, indicator, period, value, lengths) and refuses a figure given twice. */
function prepare(identity: Identity, input: PushRequest, { indicators, organizationIds }: Authorised, now: Date): Prepared {
  const rejections: Rejection[] = [];
  const rows: PreparedRow[] = [];
  const seen = new Map<string, number>();
  const context = { identity, indicators, organizationIds, today: todayUtc(now) };
  input.figures.forEach((figure, index) => {
    const row = prepareFigure(context, figure, index);
    if (isRejection(row)) return rejections.push(row);
    const k = seriesKey(row.indicatorId, row.period.text, row.breakdown);
    if (seen.has(k)) {
      return rejections.push({
        index,
        field: 'period',
        code: ErrorCode.CONFLICT,
        message: `the same figure as row ${seen.get(k)}`,
      });
    }
    seen.set(k, index);
    rows.push(row);
  });
  return { rows, rejections };
}

/**
 * Writes the prepared rows in one transaction (retried whole on deadlocks): the
 * idempotency key, the serialisation of pushes, the period locks, the comparison with
 * the stored figures, then the revisions. A dry run rolls back (DryRunRollback).
 */
function write(
  db: DataSource,
  identity: Identity,
  input: PushRequest,
  claim: KeyClaim | null,
  prepared: Prepared,
  { combinedOf, now, settings }: Pick<CheckOptions, 'combinedOf' | 'now' | 'settings'>,
) {
  const key = claim?.key ?? null;
  return inTransaction(db, async (manager) => {
    const replayed = claim && (await earlierUse(manager, claim));
    if (replayed) return replayed;
    const options = { identity, combinedOf, requireExplanations: !!input.requireExplanations, now, settings };
    const checked = await checkRows(manager, options, prepared.rows);
    const summary = emptySummary(input, key);
    summary.unchanged = checked.unchanged;
    summary.warnings = checked.warnings;
    summary.rejections = [...prepared.rejections, ...checked.rejections].sort((a, b) => a.index - b.index);
    summary.rejected = summary.rejections.length;
    if (input.atomic && summary.rejected > 0) {
      // Nothing lands: the valid rows are skipped, not rejected.
      summary.skipped = summary.received - summary.rejected;
      summary.unchanged = 0;
      summary.warnings = [];
    } else {
      const written = await writeChecked(manager, identity, key, checked);
      summary.created = written.created;
      summary.updated = written.updated;
      summary.unchanged += written.unchanged;
    }
    if (input.dryRun) throw new DryRunRollback(summary);
    if (claim) await saveSummary(manager, claim, summary);
    return summary;
  });
}

export const emptySummary = (
  input: Pick<PushRequest, 'dryRun' | 'atomic'> & { figures: { length: number } },
  key: string | null,
): PushSummary => ({
  idempotencyKey: key,
  replayed: false,
  dryRun: !!input.dryRun,
  atomic: !!input.atomic,
  received: input.figures.length,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  skipped: 0,
  rejections: [],
  warnings: [],
});
