/**
 * The reporting page's API through the gateway: what an agency owes, explanations of
 * warnings, drafts, submissions with receipts, and personal access tokens (issued, used,
 * listed with their last use, revoked).
 */
import type { Client } from 'pg';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let url: string;
let db: Client;
beforeAll(() => {
  [url, db] = [started.url(), started.db()];
});

const OBLIGATIONS = `query ($org: String, $asOf: LocalDate) { obligations(organization: $org, asOf: $asOf) {
  period due daysLeft state indicator { id owners { id } } } }`;
const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) {
  summary { created updated unchanged rejected skipped rejections { index field code message } warnings { index code } }
  receipt { id period submittedBy submittedAt created updated unchanged organization { id } figures { indicator value explanation } } } }`;
const RECEIPT = `query ($id: String!) { receipt(id: $id) { id period submittedBy created figures { indicator value } } }`;
const HISTORY = `query { figures(indicator: "court-ip-cases-closed", period: "2025Q4") { value explanation warningCodes
  history { revision value explanation warningCodes } } }`;

describe('obligations', () => {
  it("lists the court's 2025Q4 reports as due with the days left, and only indicators it reports", async () => {
    const res = await graphql(url, OBLIGATIONS, { org: '市法院', asOf: '2026-01-05' });
    expect(res.errors).toBeUndefined();
    const rows = res.data!.obligations as Array<{
      period: string;
      due: string;
      daysLeft: number;
      state: string;
      indicator: { id: string; owners: Array<{ id: string }> };
    }>;
    const q4 = rows.filter((r) => r.period === '2025Q4');
    expect(q4.map((r) => r.indicator.id).sort()).toEqual(
      expect.arrayContaining(['court-ip-cases-closed', 'court-ip-cases-closed-within-limit']),
    );
    for (const row of q4) expect(row).toMatchObject({ due: '2026-01-15', daysLeft: 10, state: 'DUE' });
    for (const row of rows) expect(row.indicator.owners[0].id).toBe('court');
    expect(rows.find((r) => r.period === '2025Q3')).toMatchObject({ state: 'OVERDUE', daysLeft: -82 });
  });

  it("defaults to the caller's organisation and refuses a malformed date", async () => {
    const own = await graphql(url, OBLIGATIONS, { asOf: '2026-01-05' }, await bearer('court', ['reporter']));
    expect((own.data!.obligations as unknown[]).length).toBeGreaterThan(0);
    const bad = await graphql(url, OBLIGATIONS, { org: 'court', asOf: '2026-13-01' });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});

describe('submitting a period', () => {
  it('refuses an unexplained jump and writes nothing, then lands it explained with a receipt', async () => {
    const court = await bearer('court', ['reporter']);
    const q3 = await graphql(
      url,
      SUBMIT,
      {
        input: {
          period: '2025Q3',
          idempotencyKey: 'q3',
          figures: [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000 }],
        },
      },
      court,
    );
    expect(q3.data!.submitReport.summary).toMatchObject({ created: 1, rejected: 0 });
    const figures = [
      { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 4100 },
      { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q4', value: 900 },
    ];
    const refused = await graphql(url, SUBMIT, { input: { period: '2025Q4', idempotencyKey: 'q4-a', figures } }, court);
    expect(refused.data!.submitReport.receipt).toBeNull();
    expect(refused.data!.submitReport.summary).toMatchObject({ created: 0, rejected: 1, skipped: 1 });
    expect(refused.data!.submitReport.summary.rejections).toEqual([
      expect.objectContaining({ index: 0, field: 'explanation', code: 'EXPLANATION_REQUIRED' }),
    ]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM indicators.figure_series WHERE period = '2025Q4'`);
    expect(rows[0].n).toBe(0);

    figures[0] = { ...figures[0], explanation: '集中审结一批系列案件' } as (typeof figures)[0];
    const landed = await graphql(url, SUBMIT, { input: { period: '2025Q4', idempotencyKey: 'q4-b', figures } }, court);
    expect(landed.errors).toBeUndefined();
    const { summary, receipt } = landed.data!.submitReport;
    expect(summary).toMatchObject({ created: 2, rejected: 0, warnings: [{ index: 0, code: 'IMPLAUSIBLE_JUMP' }] });
    expect(receipt).toMatchObject({ period: '2025Q4', created: 2, updated: 0, unchanged: 0, organization: { id: 'court' } });
    expect(receipt.submittedBy).toBe('court-reporter@test');

    const history = await graphql(url, HISTORY);
    expect(history.data!.figures[0]).toMatchObject({
      value: 4100,
      explanation: '集中审结一批系列案件',
      warningCodes: ['IMPLAUSIBLE_JUMP'],
      history: [{ revision: 1, explanation: '集中审结一批系列案件', warningCodes: ['IMPLAUSIBLE_JUMP'] }],
    });

    const again = await graphql(url, RECEIPT, { id: receipt.id }, court);
    expect(again.data!.receipt).toMatchObject({ id: receipt.id, period: '2025Q4', created: 2 });
    const replay = await graphql(url, SUBMIT, { input: { period: '2025Q4', idempotencyKey: 'q4-b', figures } }, court);
    expect(replay.data!.submitReport.receipt.id).toBe(receipt.id);
    const other = await graphql(url, RECEIPT, { id: receipt.id }, await bearer('customs', ['reporter']));
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it("refuses a figure of another period, and another agency's indicator", async () => {
    const court = await bearer('court', ['reporter']);
    const stray = await graphql(
      url,
      SUBMIT,
      {
        input: {
          period: '2025Q4',
          idempotencyKey: 'x',
          figures: [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1 }],
        },
      },
      court,
    );
    expect(stray.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'figures' });
    const foreign = await graphql(
      url,
      SUBMIT,
      {
        input: {
          period: '2025Q4',
          idempotencyKey: 'y',
          figures: [{ indicator: 'customs-ip-seizure-batches', period: '2025Q4', value: 1 }],
        },
      },
      court,
    );
    expect(foreign.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('requireExplanations and locks', () => {
  const PUSH = `mutation ($input: PushFiguresInput!) { pushFigures(input: $input) {
    created rejected rejections { index field code } warnings { index code } } }`;

  it('rejects only the unexplained row of a push that is not atomic', async () => {
    const police = await bearer('police', ['reporter']);
    const base = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'police-ip-criminal-cases', period: '2025Q1', value: 100 }] } },
      police,
    );
    expect(base.data!.pushFigures).toMatchObject({ created: 1 });
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          requireExplanations: true,
          figures: [
            { indicator: 'police-ip-criminal-cases', period: '2025Q2', value: 900 },
            { indicator: 'police-ip-criminal-cases', period: '2025Q1', value: 110 },
          ],
        },
      },
      police,
    );
    expect(res.data!.pushFigures).toEqual({
      created: 0,
      rejected: 1,
      rejections: [{ index: 0, field: 'explanation', code: 'EXPLANATION_REQUIRED' }],
      warnings: [],
    });
    // Without requireExplanations the same row lands with its warning, as before.
    const plain = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'police-ip-criminal-cases', period: '2025Q2', value: 900 }] } },
      police,
    );
    expect(plain.data!.pushFigures).toMatchObject({ created: 1, warnings: [{ index: 0, code: 'IMPLAUSIBLE_JUMP' }] });
  });

  it('answers PERIOD_LOCKED for a locked period, in the dry run the page checks with and in the submission', async () => {
    const lock = await graphql(
      url,
      `
        mutation {
          lockPeriod(period: "2025Q2", indicator: "court-ip-cases-closed") {
            id
          }
        }
      `,
      {},
      await bearer('amr', ['coordinator']),
    );
    expect(lock.errors).toBeUndefined();
    const court = await bearer('court', ['reporter']);
    const figures = [{ indicator: 'court-ip-cases-closed', period: '2025Q2', value: 10 }];
    const dry = await graphql(url, PUSH, { input: { figures, dryRun: true, atomic: true, requireExplanations: true } }, court);
    expect(dry.data!.pushFigures.rejections).toEqual([{ index: 0, field: 'period', code: 'PERIOD_LOCKED' }]);
    const submitted = await graphql(url, SUBMIT, { input: { period: '2025Q2', idempotencyKey: 'locked', figures } }, court);
    expect(submitted.data!.submitReport.receipt).toBeNull();
    expect(submitted.data!.submitReport.summary.rejections[0].code).toBe('PERIOD_LOCKED');
  });
});

describe('drafts', () => {
  const SAVE = `mutation ($period: Period!, $content: String!) { saveDraft(period: $period, content: $content) { period content savedBy } }`;
  const DRAFT = `query ($period: Period!, $org: String) { draft(period: $period, organization: $org) { period content savedBy organization { id } } }`;

  it('keeps a draft per organisation and period for a colleague to continue', async () => {
    const saved = await graphql(url, SAVE, { period: '2026Q1', content: '{"a":1}' }, await bearer('court', ['reporter']));
    expect(saved.errors).toBeUndefined();
    const colleague = await graphql(url, DRAFT, { period: '2026Q1' }, await bearer('court', ['reporter'], 600));
    expect(colleague.data!.draft).toMatchObject({ period: '2026Q1', content: '{"a":1}', organization: { id: 'court' } });
    const customs = await graphql(url, DRAFT, { period: '2026Q1' }, await bearer('customs', ['reporter']));
    expect(customs.data!.draft).toBeNull();
    const peeking = await graphql(url, DRAFT, { period: '2026Q1', org: 'court' }, await bearer('customs', ['reporter']));
    expect(peeking.errors![0].extensions!.code).toBe('FORBIDDEN');
    const badPeriod = await graphql(url, SAVE, { period: '2026Q5', content: '{}' }, await bearer('court', ['reporter']));
    expect(badPeriod.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });
});

describe('personal access tokens', () => {
  const ISSUE = `mutation ($holder: String!, $org: String!, $role: String!, $days: Int!) {
    issuePersonalToken(holder: $holder, organization: $org, role: $role, days: $days) {
      token personalToken { id holder role expiresAt lastUsedAt organization { id } } } }`;
  const LIST = `query { personalTokens { id holder role lastUsedAt revokedAt organization { id name } } }`;
  const REVOKE = `mutation ($id: String!) { revokeToken(tokenId: $id, reason: "left the office") { tokenId } }`;
  const ME = `mutation { saveDraft(period: "2026Q2", content: "{}") { savedBy } }`;

  it('issues one to a named clerk, records its last use, and refuses it once revoked', async () => {
    const coordinator = await bearer('amr', ['coordinator']);
    const issued = await graphql(url, ISSUE, { holder: '王书记员', org: '市法院', role: 'reporter', days: 30 }, coordinator);
    expect(issued.errors).toBeUndefined();
    const { token, personalToken } = issued.data!.issuePersonalToken;
    expect(token).toMatch(/^ipzpat_/);
    expect(personalToken).toMatchObject({
      holder: '王书记员',
      role: 'reporter',
      lastUsedAt: null,
      organization: { id: 'court' },
    });
    const { rows } = await db.query(`SELECT token_hash FROM org.personal_token`);
    expect(JSON.stringify(rows)).not.toContain(token);

    const clerk = { authorization: `Bearer ${token}` };
    // At once: a gateway that does not know a personal token reloads its directory.
    const used = await graphql(url, ME, {}, clerk);
    expect(used.errors).toBeUndefined();
    expect(used.data!.saveDraft.savedBy).toBe('王书记员');

    let listed: any;
    for (let i = 0; i < 60; i += 1) {
      listed = (await graphql(url, LIST, {}, coordinator)).data!.personalTokens.find((t: any) => t.id === personalToken.id);
      if (listed.lastUsedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(listed).toMatchObject({ holder: '王书记员', organization: { id: 'court', name: '市法院' }, revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();

    const reporterIssues = await graphql(
      url,
      ISSUE,
      { holder: 'x', org: 'court', role: 'reporter', days: 1 },
      await bearer('court', ['reporter']),
    );
    expect(reporterIssues.errors![0].extensions!.code).toBe('FORBIDDEN');
    const tooLong = await graphql(url, ISSUE, { holder: 'x', org: 'court', role: 'reporter', days: 1000 }, coordinator);
    expect(tooLong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });

    expect((await graphql(url, REVOKE, { id: personalToken.id }, coordinator)).errors).toBeUndefined();
    const started = Date.now();
    let refused = await graphql(url, ME, {}, clerk);
    while (refused.status !== 401 && Date.now() - started < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      refused = await graphql(url, ME, {}, clerk);
    }
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(Date.now() - started).toBeLessThan(60_000);
    const after = (await graphql(url, LIST, {}, coordinator)).data!.personalTokens.find((t: any) => t.id === personalToken.id);
    expect(after.revokedAt).not.toBeNull();
  });
});
