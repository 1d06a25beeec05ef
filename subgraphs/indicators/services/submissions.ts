/**
 * The review of submissions. SUBMITTED → (APPROVED, when the organisation has a first
 * level) → ACCEPTED, or RETURNED with a comment; a push into a returned submission submits
 * it again; a coordinator reopens an accepted one. Accepting makes its figures FINAL in
 * the same transaction. Who may do what:
 *
 * - approve: the organisation's own `approver`, when its approval levels are 1;
 * - accept: a coordinator or admin, once approved (or at once with no first level);
 * - return: a coordinator or admin, or at the first level the organisation's approver;
 * - reopen: a coordinator or admin, an accepted submission.
 */
import type { DataSource } from 'typeorm';
import { ErrorCode, forbidden, hubError, notFound } from '../../../lib/errors';
import { hasRole, type Identity } from '../../../lib/identity';
import { inTransaction, serialise } from '../data/figure-store';
import { clearReopenRequest } from '../data/reopen-requests';
import {
  finaliseFigures,
  lockSubmission,
  type LockedSubmission,
  type SubmissionAction,
  submissionIndicators,
  type SubmissionState,
  transition,
} from '../data/submission-store';
import type { EventType } from '../model/notification-events';
import { recordEvents } from '../notifications/outbox';

/** The decisions the organisation is told about. */
const TOLD: Partial<Record<SubmissionAction, EventType>> = { RETURN: 'SUBMISSION_RETURNED', ACCEPT: 'SUBMISSION_ACCEPTED' };

const isCoordinator = (actor: Identity) => hasRole(actor, 'coordinator', 'admin');
const isOwnApprover = (actor: Identity, s: LockedSubmission) => hasRole(actor, 'approver') && actor.org === s.organizationId;

/** The state a coordinator's decision waits for: APPROVED with a first level, else SUBMITTED. */
const readyForCoordinator = (s: LockedSubmission): SubmissionState => (s.approvalLevels > 0 ? 'APPROVED' : 'SUBMITTED');

function wrongState(s: LockedSubmission, action: string, expected: SubmissionState[]) {
  return hubError(
    ErrorCode.CONFLICT,
    `the submission of ${s.organizationId} for ${s.period} is ${s.state}: only ${expected.join(' or ')} can be ${action}`,
    { state: s.state },
  );
}

interface Decision {
  action: SubmissionAction;
  /** Throws FORBIDDEN or CONFLICT when the actor may not take it in the submission's state; gives the new state. */
  check: (actor: Identity, s: LockedSubmission) => SubmissionState;
  snapshot: boolean;
}

const DECISIONS: Record<'approve' | 'accept' | 'return' | 'reopen', Decision> = {
  approve: {
    action: 'APPROVE',
    snapshot: false,
    check: (actor, s) => {
      if (!isOwnApprover(actor, s)) throw forbidden(`only an approver of ${s.organizationId} approves its submissions`);
      if (s.approvalLevels === 0)
        throw hubError(ErrorCode.CONFLICT, `${s.organizationId} has no first approval level: the coordinator accepts directly`);
      if (s.state !== 'SUBMITTED') throw wrongState(s, 'approved', ['SUBMITTED']);
      return 'APPROVED';
    },
  },
  accept: {
    action: 'ACCEPT',
    snapshot: true,
    check: (actor, s) => {
      if (!isCoordinator(actor)) throw forbidden('only a coordinator or admin accepts submissions');
      if (s.state !== readyForCoordinator(s)) throw wrongState(s, 'accepted', [readyForCoordinator(s)]);
      return 'ACCEPTED';
    },
  },
  return: {
    action: 'RETURN',
    snapshot: true,
    check: (actor, s) => {
      if (isCoordinator(actor)) {
        if (s.state !== 'SUBMITTED' && s.state !== 'APPROVED') throw wrongState(s, 'returned', ['SUBMITTED', 'APPROVED']);
        return 'RETURNED';
      }
      if (!isOwnApprover(actor, s) || s.approvalLevels === 0)
        throw forbidden('only a coordinator, or at the first level the organisation’s approver, returns a submission');
      if (s.state !== 'SUBMITTED') throw wrongState(s, 'returned', ['SUBMITTED']);
      return 'RETURNED';
    },
  },
  reopen: {
    action: 'REOPEN',
    snapshot: false,
    check: (actor, s) => {
      if (!isCoordinator(actor)) throw forbidden('only a coordinator or admin reopens a submission');
      if (s.state !== 'ACCEPTED') throw wrongState(s, 'reopened', ['ACCEPTED']);
      return 'SUBMITTED';
    },
  },
};

/**
 * Takes a decision on a submission in one transaction: the push locks of its indicators
 * (so no push lands between the check and the change), the submission's row, the check,
 * the event, and for an acceptance the FINAL revisions of its figures.
 */
export function decide(
  db: DataSource,
  actor: Identity,
  id: string,
  kind: keyof typeof DECISIONS,
  comment: string | null,
): Promise<void> {
  const decision = DECISIONS[kind];
  return inTransaction(db, async (manager) => {
    await serialise(manager, await submissionIndicators(manager, id));
    const submission = await lockSubmission(manager, id);
    if (!submission) throw notFound('submission', id);
    const state = decision.check(actor, submission);
    const eventId = await transition(manager, actor, submission, {
      action: decision.action,
      state,
      comment,
      snapshot: decision.snapshot,
    });
    if (decision.action === 'ACCEPT') await finaliseFigures(manager, actor, submission);
    if (decision.action === 'REOPEN' || decision.action === 'RETURN') await clearReopenRequest(manager, submission.id);
    const told = TOLD[decision.action];
    if (told) {
      await recordEvents(manager, [
        {
          type: told,
          organizationId: submission.organizationId,
          key: `${told} ${eventId}`,
          payload: { submissionId: submission.id, period: submission.period, state, comment, by: actor.org },
        },
      ]);
    }
  });
}
