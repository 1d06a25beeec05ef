/**
 * Asking for a decided submission to be reopened. Once the coordinator has accepted an
 * organisation's report (or its approver has approved it), the organisation cannot change
 * it in place; its reporter or approver asks, with a reason, and the coordinator reopens
 * (an accepted one) or returns (an approved one) it. The request is kept on the
 * submission and told to the hub's subscribers (REOPEN_REQUESTED).
 */
import type { DataSource } from 'typeorm';
import { badInput, ErrorCode, forbidden, hubError, notFound } from '../../../lib/errors';
import { hasRole, type Identity } from '../../../lib/identity';
import { inTransaction } from '../data/figure-store';
import { recordReopenRequest } from '../data/reopen-requests';
import { lockSubmission } from '../data/submission-store';
import { recordEvents } from '../notifications/outbox';
import { tooLong, tooLongMessage } from '../../../lib/text';

export function askToReopen(db: DataSource, actor: Identity, id: string, reason: string): Promise<void> {
  const why = reason.trim();
  if (why === '') throw badInput('asking to reopen needs a reason', 'reason');
  if (tooLong(why, 'reason')) throw badInput(tooLongMessage('reason'), 'reason');
  return inTransaction(db, async (manager) => {
    const submission = await lockSubmission(manager, id);
    if (!submission) throw notFound('submission', id);
    if (actor.org !== submission.organizationId || !hasRole(actor, 'reporter', 'approver'))
      throw forbidden(`only a reporter or approver of ${submission.organizationId} asks to reopen its submissions`);
    if (submission.state !== 'ACCEPTED' && submission.state !== 'APPROVED')
      throw hubError(
        ErrorCode.CONFLICT,
        `the submission of ${submission.organizationId} for ${submission.period} is ${submission.state}: it takes changes without reopening`,
        { state: submission.state },
      );
    const at = await recordReopenRequest(manager, actor, submission.id, why);
    if (at === null) return; // the same request, already pending and told
    await recordEvents(manager, [
      {
        type: 'REOPEN_REQUESTED',
        organizationId: null,
        key: `REOPEN_REQUESTED ${submission.id} ${at}`,
        payload: {
          submissionId: submission.id,
          organizationId: submission.organizationId,
          period: submission.period,
          state: submission.state,
          reason: why,
          by: actor.subject,
        },
      },
    ]);
  });
}
