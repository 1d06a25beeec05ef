/**
 * Figures become official through review, through the real gateway on PostgreSQL: the
 * court submits 2025Q4, the coordinator returns it with a comment, the court corrects and
 * submits again, the coordinator accepts; the figures are FINAL and closed to edits until
 * reopened, and the scoreboard counting accepted figures differs from the one counting
 * all exactly by the figures not accepted.
 */
import { Client } from 'pg';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let url: string;
let db: Client;
beforeAll(() => {
  [url, db] = [started.url(), started.db()];
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  created updated unchanged rejected rejections { index field code message } warnings { index code message } } }`;
const SUBMISSION = `id period state round comment approvalLevels submittedBy
  organization { id name } figures { indicatorId period value status revision }
  warnings { indicatorId code message } changes { indicatorId breakdown previousValue value }
  events { action state comment actor actorOrganization { id } at }`;
const QUEUE = `query ReviewQueue { reviewQueue { ${SUBMISSION} } }`;
const MINE = `query($org: String, $period: Period) { submissions(organization: $org, period: $period) { ${SUBMISSION} } }`;
const DECIDE = (mutation: string, withComment: boolean) =>
  `mutation($id: ID!${withComment ? ', $comment: String!' : ''}) { ${mutation}(id: $id${withComment ? ', comment: $comment' : ''}) { ${SUBMISSION} } }`;
const SCOREBOARD = `query($figures: FigureRule) { scoreboard(asOf: "2025-12-31", figures: $figures) {
  figureRule headlineGoals { indicator { id } figureRule actual numerator denominator periods } } }`;

const push = async (headers: Record<string, string>, figures: unknown[]) => {
  const res = await graphql(url, PUSH, { input: { figures } }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.pushFigures;
};

describe('a submission reviewed', () => {
  let court: Record<string, string>;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    court = await bearer('court', ['reporter']);
    coordinator = await bearer('amr', ['coordinator']);
    // 2025Q3 stays submitted, never accepted: it counts under ALL only.
    await push(court, [
      { indicator: 'court-ip-cases-closed', period: '2025Q3', value: 900 },
      { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q3', value: 850 },
      { indicator: 'average-trial-closure-days', period: '2025Q3', value: 110 },
    ]);
  });

  it('goes from submitted to returned to submitted again to accepted, with FINAL figures', async () => {
    const first = await push(court, [
      { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1000 },
      { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q4', value: 3000 },
      { indicator: 'average-trial-closure-days', period: '2025Q4', value: 98 },
    ]);
    expect(first).toMatchObject({ created: 3, rejected: 0 });
    expect(first.warnings).toEqual([expect.objectContaining({ index: 1, code: 'IMPLAUSIBLE_JUMP' })]);

    // The coordinator's queue: oldest first (Q3 before Q4), each with its figures and warnings.
    const queue = await graphql(url, QUEUE, {}, coordinator);
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.reviewQueue.map((s: any) => s.period)).toEqual(['2025Q3', '2025Q4']);
    const q4 = queue.data!.reviewQueue[1];
    expect(q4).toMatchObject({ state: 'SUBMITTED', round: 1, organization: { id: 'court' }, changes: [] });
    expect(q4.figures.map((f: any) => [f.indicatorId, f.value])).toEqual([
      ['average-trial-closure-days', 98],
      ['court-ip-cases-closed', 1000],
      ['court-ip-cases-closed-within-limit', 3000],
    ]);
    expect(q4.warnings).toEqual([
      expect.objectContaining({ indicatorId: 'court-ip-cases-closed-within-limit', code: 'IMPLAUSIBLE_JUMP' }),
    ]);

    // The court may not decide on its own submission; a return needs a comment.
    const selfAccept = await graphql(url, DECIDE('acceptSubmission', false), { id: q4.id }, court);
    expect(selfAccept.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noComment = await graphql(url, DECIDE('returnSubmission', true), { id: q4.id, comment: '  ' }, coordinator);
    expect(noComment.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });

    const comment = '审限内结案数大于结案总数，请核对';
    const returned = await graphql(url, DECIDE('returnSubmission', true), { id: q4.id, comment }, coordinator);
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.returnSubmission).toMatchObject({ state: 'RETURNED', comment });
    const again = await graphql(url, DECIDE('returnSubmission', true), { id: q4.id, comment }, coordinator);
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    // The court sees the comment; the figures stay; it corrects and submits again.
    const mine = await graphql(url, MINE, { org: '市法院', period: '2025Q4' }, court);
    expect(mine.data!.submissions).toEqual([expect.objectContaining({ state: 'RETURNED', comment, round: 1 })]);
    expect(mine.data!.submissions[0].figures).toHaveLength(3);
    const corrected = await push(court, [{ indicator: 'court-ip-cases-closed-within-limit', period: '2025Q4', value: 960 }]);
    expect(corrected).toMatchObject({ updated: 1, rejected: 0 });

    const waiting = (await graphql(url, QUEUE, {}, coordinator)).data!.reviewQueue;
    // Submitted again now: it waits behind Q3.
    expect(waiting.map((s: any) => [s.period, s.state, s.round])).toEqual([
      ['2025Q3', 'SUBMITTED', 1],
      ['2025Q4', 'SUBMITTED', 2],
    ]);
    expect(waiting[1].changes).toEqual([
      { indicatorId: 'court-ip-cases-closed-within-limit', breakdown: '', previousValue: 3000, value: 960 },
    ]);
    expect(waiting[1].warnings).toEqual([]);

    const accepted = await graphql(url, DECIDE('acceptSubmission', false), { id: q4.id }, coordinator);
    expect(accepted.errors).toBeUndefined();
    const done = accepted.data!.acceptSubmission;
    expect(done.state).toBe('ACCEPTED');
    expect(done.figures.map((f: any) => [f.indicatorId, f.value, f.status, f.revision])).toEqual([
      ['average-trial-closure-days', 98, 'FINAL', 2],
      ['court-ip-cases-closed', 1000, 'FINAL', 2],
      ['court-ip-cases-closed-within-limit', 960, 'FINAL', 3],
    ]);
    expect(done.events.map((e: any) => [e.action, e.state, e.comment, e.actorOrganization.id])).toEqual([
      ['SUBMIT', 'SUBMITTED', null, 'court'],
      ['RETURN', 'RETURNED', comment, 'amr'],
      ['SUBMIT', 'SUBMITTED', null, 'court'],
      ['ACCEPT', 'ACCEPTED', null, 'amr'],
    ]);
    const { rows } = await db.query(
      `SELECT r.status, r.reason, r.recorded_by_org FROM indicators.figure_revision r
         JOIN indicators.figure_series s ON s.id = r.series_id
        WHERE s.indicator_id = 'court-ip-cases-closed' AND s.period = '2025Q4' ORDER BY r.revision`,
    );
    expect(rows).toEqual([
      { status: 'PROVISIONAL', reason: null, recorded_by_org: 'court' },
      { status: 'FINAL', reason: 'accepted in review', recorded_by_org: 'amr' },
    ]);
    expect((await graphql(url, QUEUE, {}, coordinator)).data!.reviewQueue.map((s: any) => s.period)).toEqual(['2025Q3']);
  });

  it('closes accepted figures to edits, for coordinators too, until reopened', async () => {
    const row = { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1001, reason: 'late cases' };
    for (const headers of [court, coordinator]) {
      const refused = await push(headers, [{ ...row, organization: 'court' }]);
      expect(refused).toMatchObject({ created: 0, updated: 0, rejected: 1 });
      expect(refused.rejections[0]).toMatchObject({ index: 0, field: 'period', code: 'SUBMISSION_ACCEPTED' });
    }
    const [q4] = (await graphql(url, MINE, { org: 'court', period: '2025Q4' })).data!.submissions;
    const byCourt = await graphql(url, DECIDE('reopenSubmission', false), { id: q4.id }, court);
    expect(byCourt.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reopened = await graphql(url, DECIDE('reopenSubmission', false), { id: q4.id }, coordinator);
    expect(reopened.data!.reopenSubmission.state).toBe('SUBMITTED');
    expect(await push(court, [row])).toMatchObject({ updated: 1, rejected: 0 });
    // While the correction is under review, the accepted view keeps the accepted 1000 (and
    // the days and rate of Q4 as accepted); the view of all figures counts the correction.
    const CLOSED = `query($figures: FigureRule) { indicator(id: "court-ip-cases-closed") {
      kpi(asOf: "2025-12-31", figures: $figures) { periods actual } } }`;
    const closed = async (figures: string) => (await graphql(url, CLOSED, { figures })).data!.indicator.kpi;
    expect(await closed('ACCEPTED')).toEqual({ periods: ['2025Q4'], actual: 1000 });
    expect(await closed('ALL')).toEqual({ periods: ['2025Q3', '2025Q4'], actual: 900 + 1001 });
    const ACCEPTED_DAYS = `{ indicator(id: "average-trial-closure-days") { kpi(asOf: "2025-12-31", figures: ACCEPTED) { periods actual } } }`;
    expect((await graphql(url, ACCEPTED_DAYS)).data!.indicator.kpi).toEqual({ periods: ['2025Q4'], actual: 98 });
    // Back to where it was, and accepted again.
    await push(court, [{ ...row, value: 1000 }]);
    const acceptedAgain = await graphql(url, DECIDE('acceptSubmission', false), { id: q4.id }, coordinator);
    expect(acceptedAgain.data!.acceptSubmission.state).toBe('ACCEPTED');
  });

  it('counts under ACCEPTED exactly the accepted figures: the difference from ALL is the unaccepted 2025Q3', async () => {
    const all = (await graphql(url, SCOREBOARD, { figures: 'ALL' })).data!.scoreboard;
    const accepted = (await graphql(url, SCOREBOARD, { figures: 'ACCEPTED' })).data!.scoreboard;
    const byDefault = (await graphql(url, SCOREBOARD, {})).data!.scoreboard;
    expect([all.figureRule, accepted.figureRule, byDefault.figureRule]).toEqual(['ALL', 'ACCEPTED', 'ALL']);
    const goal = (board: any, id: string) => board.headlineGoals.find((g: any) => g.indicator.id === id);

    const days = ['average-trial-closure-days'].map((id) => [goal(all, id), goal(accepted, id)])[0];
    expect(days.map((k: any) => [k.figureRule, k.periods, k.actual])).toEqual([
      // A mean weighted by the cases closed (900 in Q3, 1000 in Q4), stated to 15 significant digits.
      ['ALL', ['2025Q3', '2025Q4'], Number(((110 * 900 + 98 * 1000) / (900 + 1000)).toPrecision(15))],
      ['ACCEPTED', ['2025Q4'], 98],
    ]);
    const rate = [goal(all, 'trial-closure-within-limit-rate'), goal(accepted, 'trial-closure-within-limit-rate')];
    // A ratio of sums: ALL adds Q3's 850 of 900 to the accepted Q4's 960 of 1000.
    expect(rate.map((k: any) => [k.figureRule, k.periods, k.actual])).toEqual([
      ['ALL', ['2025Q3', '2025Q4'], Number((((850 + 960) / (900 + 1000)) * 100).toPrecision(15))],
      ['ACCEPTED', ['2025Q4'], (960 / 1000) * 100],
    ]);
    // Every other goal: the same under both rules, since no other figures exist.
    for (const g of all.headlineGoals.filter(
      (k: any) => !['average-trial-closure-days', 'trial-closure-within-limit-rate'].includes(k.indicator.id),
    )) {
      expect({ ...goal(accepted, g.indicator.id), figureRule: 'ALL' }).toEqual(g);
    }
  });

  it('counts under ACCEPTED, as recorded at an instant, the submissions accepted by then', async () => {
    const events = (await graphql(url, MINE, { org: 'court', period: '2025Q4' })).data!.submissions[0].events;
    const acceptedAt = events.find((e: any) => e.action === 'ACCEPT').at as string;
    const before = new Date(Date.parse(acceptedAt) - 1).toISOString();
    const KPI = `query($at: DateTime, $figures: FigureRule) { indicator(id: "average-trial-closure-days") {
      kpi(asOf: "2025-12-31", recordedAsOf: $at, figures: $figures) { figureRule periods actual } } }`;
    const at = async (instant: string, figures: string) =>
      (await graphql(url, KPI, { at: instant, figures })).data!.indicator.kpi;
    expect(await at(before, 'ACCEPTED')).toEqual({ figureRule: 'ACCEPTED', periods: [], actual: null });
    expect(await at(acceptedAt, 'ACCEPTED')).toEqual({ figureRule: 'ACCEPTED', periods: ['2025Q4'], actual: 98 });
    expect((await at(before, 'ALL')).periods).toEqual(['2025Q3', '2025Q4']);
  });

  it('goes through the organisation’s own approver first when it has a first level', async () => {
    const admin = await bearer('amr', ['admin']);
    const approver = await bearer('court', ['approver']);
    const notCoordinator = await graphql(
      url,
      `
        mutation {
          setApprovalLevels(organization: "court", levels: 1)
        }
      `,
      {},
      court,
    );
    expect(notCoordinator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const set = await graphql(
      url,
      `
        mutation {
          setApprovalLevels(organization: "市法院", levels: 1)
        }
      `,
      {},
      admin,
    );
    expect(set.data).toEqual({ setApprovalLevels: 1 });
    await push(court, [{ indicator: 'court-ip-cases-closed', period: '2025Q2', value: 800 }]);
    const [q2] = (await graphql(url, MINE, { org: 'court', period: '2025Q2' })).data!.submissions;
    expect(q2).toMatchObject({ state: 'SUBMITTED', approvalLevels: 1 });

    // Not yet ready for the coordinator (nor is Q3 now): not in the queue, accepting it is a conflict.
    expect((await graphql(url, QUEUE, {}, coordinator)).data!.reviewQueue).toEqual([]);
    expect((await graphql(url, DECIDE('acceptSubmission', false), { id: q2.id }, coordinator)).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    const otherApprover = await bearer('customs', ['approver']);
    expect(
      (await graphql(url, DECIDE('approveSubmission', false), { id: q2.id }, otherApprover)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await graphql(url, QUEUE, {}, approver)).data!.reviewQueue.map((s: any) => s.period)).toEqual(['2025Q3', '2025Q2']);
    const approved = await graphql(url, DECIDE('approveSubmission', false), { id: q2.id }, approver);
    expect(approved.data!.approveSubmission.state).toBe('APPROVED');
    // Corrected after its approver approved it: a change within the round, to be approved again.
    await push(court, [{ indicator: 'court-ip-cases-closed', period: '2025Q2', value: 810 }]);
    const [changed] = (await graphql(url, MINE, { org: 'court', period: '2025Q2' })).data!.submissions;
    expect(changed).toMatchObject({ state: 'SUBMITTED', round: 1 });
    expect((await graphql(url, QUEUE, {}, coordinator)).data!.reviewQueue).toEqual([]);
    await graphql(url, DECIDE('approveSubmission', false), { id: q2.id }, approver);
    const accepted = await graphql(url, DECIDE('acceptSubmission', false), { id: q2.id }, coordinator);
    expect(accepted.data!.acceptSubmission.events.map((e: any) => e.action)).toEqual([
      'SUBMIT',
      'APPROVE',
      'CHANGE',
      'APPROVE',
      'ACCEPT',
    ]);
    const missing = await graphql(url, DECIDE('acceptSubmission', false), { id: '999999' }, coordinator);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('names in one summary the rows refused as accepted and those refused unexplained, and submits only what it wrote', async () => {
    const input = {
      requireExplanations: true,
      figures: [
        { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1002, reason: 'late cases' },
        { indicator: 'court-ip-cases-closed', period: '2026Q1', value: 5000 },
        { indicator: 'average-trial-closure-days', period: '2025Q3', value: 111 },
      ],
    };
    const res = await graphql(url, PUSH, { input }, court);
    expect(res.errors).toBeUndefined();
    const summary = res.data!.pushFigures;
    expect(summary).toMatchObject({ created: 0, updated: 1, rejected: 2, warnings: [] });
    expect(summary.rejections.map((r: any) => [r.index, r.code])).toEqual([
      [0, 'SUBMISSION_ACCEPTED'],
      [1, 'EXPLANATION_REQUIRED'],
    ]);
    expect((await graphql(url, MINE, { org: 'court', period: '2026Q1' })).data!.submissions).toEqual([]);
    const [q3] = (await graphql(url, MINE, { org: 'court', period: '2025Q3' })).data!.submissions;
    expect(q3.figures.find((f: any) => f.indicatorId === 'average-trial-closure-days').value).toBe(111);
  });
});
