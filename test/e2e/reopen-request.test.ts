/**
 * Asking to reopen a decided report, through the real gateway on PostgreSQL: the court's
 * accepted 2025Q4 cannot be changed in place, so its reporter asks with a reason; the
 * request is kept on the submission and told to the hub's subscribers (REOPEN_REQUESTED
 * in the outbox); the coordinator finds it with `submissions(reopenRequested: true)` and
 * reopens it, which clears it. Asking for another organisation's report, for one still
 * waiting for review, without a reason, or as an analyst is refused and writes nothing.
 */
import { Client } from 'pg';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let url: string;
let db: Client;
beforeAll(() => {
  [url, db] = [started.url(), started.db()];
});

const FIELDS = `id state reopenRequest { reason requestedBy requestedAt } events { action }`;
const ASK = `mutation($id: ID!, $reason: String!) { askToReopen(id: $id, reason: $reason) { ${FIELDS} } }`;
const REQUESTS = `{ submissions(reopenRequested: true) { id period organization { id } } }`;
const ONE = `query($id: ID!) { submission(id: $id) { ${FIELDS} } }`;
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;
const REASON = '审限内结案数统计口径有误，需更正';

let court: Record<string, string>;
let coordinator: Record<string, string>;
let accepted: string;
let waiting: string;

const submissionOf = async (period: string): Promise<string> => {
  const res = await graphql(url, `{ submissions(organization: "court", period: "${period}") { id } }`);
  return res.data!.submissions[0].id;
};
const outboxRows = async () =>
  (await db.query(`SELECT payload FROM indicators.outbox WHERE event = 'REOPEN_REQUESTED' ORDER BY id`)).rows.map(
    (r) => r.payload,
  );

beforeAll(async () => {
  court = await bearer('court', ['reporter']);
  coordinator = await bearer('amr', ['coordinator']);
  for (const period of ['2025Q3', '2025Q4']) {
    const pushed = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'court-ip-cases-closed', period, value: 1000 }] } },
      court,
    );
    expect(pushed.data!.pushFigures).toMatchObject({ created: 1, rejected: 0 });
  }
  accepted = await submissionOf('2025Q4');
  waiting = await submissionOf('2025Q3');
  const done = await graphql(url, `mutation { acceptSubmission(id: "${accepted}") { state } }`, {}, coordinator);
  expect(done.data!.acceptSubmission.state).toBe('ACCEPTED');
});

it('refuses what it cannot take, by code, and writes nothing', async () => {
  const cases: Array<[Record<string, string>, string, string, string]> = [
    [await bearer('customs', ['reporter']), accepted, REASON, 'FORBIDDEN'],
    [await bearer('court', ['analyst']), accepted, REASON, 'FORBIDDEN'],
    [court, waiting, REASON, 'CONFLICT'],
    [court, accepted, '   ', 'BAD_USER_INPUT'],
    [court, accepted, '长'.repeat(2001), 'BAD_USER_INPUT'],
    [court, '999999', REASON, 'NOT_FOUND'],
  ];
  for (const [who, id, reason, code] of cases) {
    const res = await graphql(url, ASK, { id, reason }, who);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
  }
  expect((await graphql(url, REQUESTS)).data!.submissions).toEqual([]);
  expect(await outboxRows()).toEqual([]);
});

it('keeps the request, tells the subscribers, and the coordinator reopens: the request is cleared', async () => {
  const asked = await graphql(url, ASK, { id: accepted, reason: `  ${REASON} ` }, court);
  expect(asked.errors).toBeUndefined();
  expect(asked.data!.askToReopen).toMatchObject({
    state: 'ACCEPTED',
    reopenRequest: { reason: REASON, requestedBy: 'court-reporter@test' },
  });
  expect((await graphql(url, REQUESTS)).data!.submissions).toEqual([
    { id: accepted, period: '2025Q4', organization: { id: 'court' } },
  ]);
  // Asked again the same (a second press): nothing new to tell.
  const twice = await graphql(url, ASK, { id: accepted, reason: REASON }, court);
  expect(twice.data!.askToReopen.reopenRequest).toMatchObject({ reason: REASON });
  expect(await outboxRows()).toEqual([
    expect.objectContaining({ submissionId: accepted, organizationId: 'court', period: '2025Q4', reason: REASON }),
  ]);

  // Still closed to edits until the coordinator decides.
  const refused = await graphql(
    url,
    `
      mutation ($input: PushFiguresInput!) {
        pushFigures(input: $input) {
          rejected
          rejections {
            code
          }
        }
      }
    `,
    { input: { figures: [{ indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1010, reason: REASON }] } },
    court,
  );
  expect(refused.data!.pushFigures).toMatchObject({ rejected: 1, rejections: [{ code: 'SUBMISSION_ACCEPTED' }] });

  const reopened = await graphql(url, `mutation { reopenSubmission(id: "${accepted}") { state } }`, {}, coordinator);
  expect(reopened.data!.reopenSubmission.state).toBe('SUBMITTED');
  const after = await graphql(url, ONE, { id: accepted });
  expect(after.data!.submission).toMatchObject({ state: 'SUBMITTED', reopenRequest: null });
  expect(after.data!.submission.events.map((e: { action: string }) => e.action)).toEqual(['SUBMIT', 'ACCEPT', 'REOPEN']);
  expect((await graphql(url, REQUESTS)).data!.submissions).toEqual([]);
});
