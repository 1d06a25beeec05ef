/**
 * Agencies push their own figures through the gateway: ownership, batches, retries,
 * corrections, locks and history, on the real PostgreSQL.
 */
import { Client } from 'pg';
import { SignJWT } from 'jose';
import type { Hub } from '../../hub';
import { bearer, gatewayIdentity, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let hub: Hub;
let url: string;
let db: Client;
beforeAll(() => {
  [hub, url, db] = [started.hub(), started.url(), started.db()];
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  idempotencyKey replayed dryRun atomic received created updated unchanged rejected
  rejections { index field code message } warnings { index code message } } }`;

const FIGURES = `query($indicator: String!, $asOf: DateTime) { figures(indicator: $indicator, asOf: $asOf, includeWithdrawn: true) {
  period breakdown value status revision withdrawn organization { id name } recordedBy
  history { revision value status reason withdrawn recordedBy recordedByOrganization { id } recordedAt } } }`;

async function revisionCount(indicatorId: string): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM indicators.figure_revision r JOIN indicators.figure_series s ON s.id = r.series_id WHERE s.indicator_id = $1`,
    [indicatorId],
  );
  return rows[0].n;
}

describe('a court reporter', () => {
  it('pushes case-duration figures and reads them back with their history', async () => {
    const court = await bearer('court', ['reporter']);
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: 'average-trial-closure-days', period: '2025Q1', value: 112.5, note: '一季度' },
            { indicator: '全年平均结案时间', period: '2025Q2', value: 104 },
            { indicator: 'court-ip-cases-closed', period: '2025Q1', value: 1000, status: 'FINAL' },
            { indicator: '法定审限内审结的知识产权案件数', period: '2025Q1', value: 930, status: 'FINAL' },
          ],
        },
      },
      court,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.pushFigures).toMatchObject({ received: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 });

    const read = await graphql(url, FIGURES, { indicator: 'average-trial-closure-days' });
    expect(read.data!.figures).toEqual([
      expect.objectContaining({ period: '2025Q1', value: 112.5, revision: 1, organization: { id: 'court', name: '市法院' } }),
      expect.objectContaining({ period: '2025Q2', value: 104, revision: 1 }),
    ]);
    expect(read.data!.figures[0].history).toEqual([
      expect.objectContaining({ revision: 1, value: 112.5, status: 'PROVISIONAL', recordedByOrganization: { id: 'court' } }),
    ]);
    // The closure rate is derived: cases closed within the limit ÷ cases closed.
    const rate = await graphql(url, '{ indicator(id: "trial-closure-within-limit-rate") { series { period value } } }');
    expect(rate.data!.indicator.series).toEqual([{ period: '2025Q1', value: 93 }]);
    const direct = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'trial-closure-within-limit-rate', period: '2025Q2', value: 95 }] } },
      court,
    );
    expect(direct.data!.pushFigures.rejections).toEqual([
      expect.objectContaining({ field: 'indicator', code: 'BAD_USER_INPUT' }),
    ]);
  });

  it('the procuratorate pushes its intervention rate as numerator and denominator', async () => {
    const res = await graphql(
      url,
      PUSH,
      {
        input: { figures: [{ indicator: 'procuratorial-intervention-rate', period: '2025Q1', numerator: 48, denominator: 48 }] },
      },
      await bearer('procuratorate', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({ created: 1, rejected: 0 });
    const read = await graphql(url, '{ figures(indicator: "procuratorial-intervention-rate") { value numerator denominator } }');
    expect(read.data!.figures).toEqual([{ value: 100, numerator: 48, denominator: 48 }]);
  });

  it('a rate over a denominator of 0 is refused, with or without a value, and nothing is written', async () => {
    const procuratorate = await bearer('procuratorate', ['reporter']);
    const before = await revisionCount('procuratorial-intervention-rate');
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: 'procuratorial-intervention-rate', period: '2025Q2', value: 77, numerator: 0, denominator: 0 },
            { indicator: 'procuratorial-intervention-rate', period: '2025Q3', numerator: 0, denominator: 0 },
            { indicator: 'procuratorial-intervention-rate', period: '2025Q4', value: 0, numerator: 0, denominator: 0 },
          ],
        },
      },
      procuratorate,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.pushFigures).toMatchObject({ created: 0, rejected: 3 });
    expect(res.data!.pushFigures.rejections).toEqual(
      [0, 1, 2].map((index) => ({
        index,
        field: 'denominator',
        code: 'BAD_USER_INPUT',
        message: 'denominator must be greater than 0',
      })),
    );
    expect(await revisionCount('procuratorial-intervention-rate')).toBe(before);
  });

  it('pushing a customs indicator gets FORBIDDEN, and nothing is written', async () => {
    const before = await revisionCount('customs-ip-seizure-batches');
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: 'average-trial-closure-days', period: '2025Q3', value: 99 },
            { indicator: 'customs-ip-seizure-batches', period: '2025', value: 120 },
          ],
        },
      },
      await bearer('court', ['reporter']),
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.pushFigures ?? null).toBeNull();
    expect(await revisionCount('customs-ip-seizure-batches')).toBe(before);
    const q3 = await graphql(url, '{ figures(indicator: "average-trial-closure-days", period: "2025Q3") { value } }');
    expect(q3.data!.figures).toEqual([]);
  });

  it('corrects a figure: the old value stays in history with its author, the new one with the reason', async () => {
    const court = await bearer('court', ['reporter']);
    const correction = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [{ indicator: 'court-ip-cases-closed-within-limit', period: '2025Q1', value: 940, status: 'FINAL' }],
        },
      },
      court,
    );
    expect(correction.data!.pushFigures.rejections).toEqual([
      expect.objectContaining({ index: 0, field: 'reason', code: 'BAD_USER_INPUT' }),
    ]);
    const withReason = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            {
              indicator: 'court-ip-cases-closed-within-limit',
              period: '2025Q1',
              value: 940,
              status: 'FINAL',
              reason: '补录10件审限内结案',
            },
          ],
        },
      },
      court,
    );
    expect(withReason.data!.pushFigures).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    const read = await graphql(url, FIGURES, { indicator: 'court-ip-cases-closed-within-limit' });
    const figure = read.data!.figures[0];
    expect(figure).toMatchObject({ value: 940, revision: 2 });
    expect(figure.history.map((h: { value: number; reason: string | null }) => [h.value, h.reason])).toEqual([
      [930, null],
      [940, '补录10件审限内结案'],
    ]);
    expect(figure.history[0].recordedBy).toBe('court-reporter@test');

    const asRecordedBefore = await graphql(url, FIGURES, {
      indicator: 'court-ip-cases-closed-within-limit',
      asOf: figure.history[0].recordedAt,
    });
    expect(asRecordedBefore.data!.figures[0]).toMatchObject({ value: 930, revision: 1 });
  });

  it('withdraws a value with a reason: a revision without a value, nothing deleted', async () => {
    const court = await bearer('court', ['reporter']);
    const res = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'average-trial-closure-days', period: '2025Q2', withdraw: true, reason: '口径错误' }] } },
      court,
    );
    expect(res.data!.pushFigures).toMatchObject({ updated: 1, rejected: 0 });
    const read = await graphql(url, FIGURES, { indicator: 'average-trial-closure-days' });
    const q2 = read.data!.figures.find((f: { period: string }) => f.period === '2025Q2');
    expect(q2).toMatchObject({ withdrawn: true, value: null, revision: 2 });
    expect(q2.history.map((h: { value: number | null }) => h.value)).toEqual([104, null]);
    const current = await graphql(url, '{ figures(indicator: "average-trial-closure-days") { period } }');
    expect(current.data!.figures.map((f: { period: string }) => f.period)).toEqual(['2025Q1']);
  });
});

describe('tokens', () => {
  const WRITE = { input: { figures: [{ indicator: 'police-ip-criminal-cases', period: '2025', value: 10 }] } };

  it('a write without a token gets UNAUTHENTICATED', async () => {
    const res = await graphql(url, PUSH, WRITE);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an expired token gets UNAUTHENTICATED, even for a read', async () => {
    const res = await graphql(url, '{ tasks { id } }', {}, await bearer('police', ['reporter'], -60));
    expect(res.status).toBe(401);
    expect(res.errors?.[0]).toMatchObject({ message: 'the token has expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('a token signed with another key gets UNAUTHENTICATED', async () => {
    const forged = await new SignJWT({ org: 'police', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ipzone-hub')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-hub-secret'));
    const res = await graphql(url, PUSH, WRITE, { authorization: `Bearer ${forged}` });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an analyst reads but does not write', async () => {
    const analyst = await bearer('amr', ['analyst']);
    expect((await graphql(url, '{ indicators { id } }', {}, analyst)).errors).toBeUndefined();
    const res = await graphql(url, PUSH, WRITE, analyst);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a forged identity sent straight to a subgraph is refused', async () => {
    const before = await revisionCount('police-ip-criminal-cases');
    const direct = hub.subgraphs.indicators.url;
    const headers = { 'x-hub-gateway-token': 'made-up', 'content-type': 'application/json' };
    const noToken = await fetch(direct, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PUSH, variables: WRITE }),
    });
    expect(noToken.status).toBe(401);
    const madeUp = await fetch(direct, { method: 'POST', headers, body: JSON.stringify({ query: PUSH, variables: WRITE }) });
    expect(madeUp.status).toBe(401);
    const wrongSecret = await new SignJWT({ org: 'police', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ipzone-gateway')
      .setAudience('ipzone-subgraphs')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('guessed-secret'));
    const forged = await fetch(direct, {
      method: 'POST',
      headers: { ...headers, 'x-hub-gateway-token': wrongSecret },
      body: JSON.stringify({ query: PUSH, variables: WRITE }),
    });
    expect(forged.status).toBe(401);
    expect((await forged.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await revisionCount('police-ip-criminal-cases')).toBe(before);
    // The gateway's own signature is what opens the door.
    const genuine = await fetch(direct, {
      method: 'POST',
      headers: { ...headers, ...(await gatewayIdentity()) },
      body: JSON.stringify({ query: '{ indicator(id: "police-ip-criminal-cases") { id } }' }),
    });
    expect(genuine.status).toBe(200);
  });
});

describe('a batch', () => {
  const rows = (extra: object[] = []) => [
    { indicator: 'ip-protection-workstations', period: '2024', value: 150 },
    { indicator: 'ip-protection-workstations', period: '2025H1', value: 180, breakdown: '江岸区' },
    { indicator: 'ip-protection-workstations', period: '2025Q5', value: 190 },
    ...extra,
  ];

  it('with one bad row names that row and field, and the others land', async () => {
    const res = await graphql(url, PUSH, { input: { figures: rows() } }, await bearer('amr', ['reporter']));
    expect(res.data!.pushFigures).toMatchObject({ received: 3, created: 2, rejected: 1 });
    expect(res.data!.pushFigures.rejections).toEqual([
      expect.objectContaining({ index: 2, field: 'period', code: 'BAD_USER_INPUT' }),
    ]);
  });

  it('with atomic: true lands nothing when a row fails', async () => {
    const before = await revisionCount('trademark-brand-guidance-stations');
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          atomic: true,
          figures: [
            { indicator: 'trademark-brand-guidance-stations', period: '2024', value: 30 },
            { indicator: 'trademark-brand-guidance-stations', period: '2025', value: 40.5 },
          ],
        },
      },
      await bearer('amr', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({ atomic: true, created: 0, updated: 0, rejected: 1 });
    expect(res.data!.pushFigures.rejections[0]).toMatchObject({ index: 1, field: 'value', code: 'BAD_USER_INPUT' });
    expect(await revisionCount('trademark-brand-guidance-stations')).toBe(before);
  });

  it('sent twice with one idempotency key writes once and answers the first summary', async () => {
    const amr = await bearer('amr', ['reporter']);
    const input = {
      idempotencyKey: 'amr-2025-mediation-upload-1',
      figures: [
        { indicator: 'assistance-mediation-cases', period: '2025Q1', value: 800 },
        { indicator: 'assistance-mediation-cases', period: '2025Q2', value: 950 },
      ],
    };
    const first = await graphql(url, PUSH, { input }, amr);
    const again = await graphql(url, PUSH, { input }, amr);
    expect(first.data!.pushFigures).toMatchObject({ created: 2, replayed: false });
    expect(again.data!.pushFigures).toEqual({ ...first.data!.pushFigures, replayed: true });
    expect(await revisionCount('assistance-mediation-cases')).toBe(2);
    const different = await graphql(url, PUSH, { input: { ...input, figures: input.figures.slice(0, 1) } }, amr);
    expect(different.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('as a dry run says what would happen and writes nothing', async () => {
    const res = await graphql(
      url,
      PUSH,
      { input: { dryRun: true, figures: [{ indicator: 'technical-investigators', period: '2025', value: 52 }] } },
      await bearer('amr', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({ dryRun: true, created: 1 });
    expect(await revisionCount('technical-investigators')).toBe(0);
  });

  it('flags a value that jumps far from the previous period, and still lands it', async () => {
    const amr = await bearer('amr', ['reporter']);
    await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'ip-training-base-trainees', period: '2025Q1', value: 500 }] } },
      amr,
    );
    const res = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'ip-training-base-trainees', period: '2025Q2', value: 5000 }] } },
      amr,
    );
    expect(res.data!.pushFigures).toMatchObject({ created: 1 });
    expect(res.data!.pushFigures.warnings).toEqual([expect.objectContaining({ index: 0, code: 'IMPLAUSIBLE_JUMP' })]);
  });

  it('flags a jump between two periods of the same batch (a spreadsheet of several quarters)', async () => {
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: 'overseas-ip-early-warning-reports', period: '2024Q1', value: 2 },
            { indicator: 'overseas-ip-early-warning-reports', period: '2024Q2', value: 40 },
          ],
        },
      },
      await bearer('amr', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({ created: 2 });
    expect(res.data!.pushFigures.warnings).toEqual([expect.objectContaining({ index: 1, code: 'IMPLAUSIBLE_JUMP' })]);
  });

  it('from 20 concurrent pushers of overlapping figures leaves one current revision per figure and a complete history', async () => {
    const pushers = Array.from({ length: 20 }, (_, n) => n);
    const periods = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'];
    const results = await Promise.all(
      pushers.map(async (n) => {
        const figures = periods.map((period) => ({ indicator: 'ip-notarisation-services', period, value: 100 + n }));
        const res = await graphql(url, PUSH, { input: { figures } }, await bearer('justice', ['reporter']));
        expect(res.errors).toBeUndefined();
        return res.data!.pushFigures;
      }),
    );
    const created = results.reduce((sum, r) => sum + r.created, 0);
    const updated = results.reduce((sum, r) => sum + r.updated, 0);
    expect(created).toBe(periods.length);
    expect(created + updated).toBe(pushers.length * periods.length);
    const { rows } = await db.query(
      `SELECT s.period, s.revision, count(r.*)::int AS revisions, max(r.revision) AS latest, min(r.revision) AS first
         FROM indicators.figure_series s JOIN indicators.figure_revision r ON r.series_id = s.id
        WHERE s.indicator_id = 'ip-notarisation-services' GROUP BY s.id ORDER BY s.period`,
    );
    expect(rows).toHaveLength(periods.length);
    for (const row of rows) expect(row).toMatchObject({ revision: 20, revisions: 20, latest: 20, first: 1 });
  });
});

describe('a coordinator', () => {
  const figure = { indicator: 'overseas-ip-risk-training-sessions', period: '2025Q4', value: 2 };

  it('locks a period, which then refuses writes; unlocked, it accepts them; both are audited', async () => {
    const coordinator = await bearer('amr', ['coordinator']);
    const reporter = await bearer('amr', ['reporter']);
    const locked = await graphql(
      url,
      'mutation { lockPeriod(period: "2025", reason: "年度数据核定") { period indicatorId lockedBy } }',
      {},
      coordinator,
    );
    expect(locked.data!.lockPeriod).toMatchObject({ period: '2025', indicatorId: null });

    const refused = await graphql(url, PUSH, { input: { figures: [figure] } }, reporter);
    expect(refused.data!.pushFigures.rejections).toEqual([
      expect.objectContaining({ index: 0, field: 'period', code: 'PERIOD_LOCKED' }),
    ]);
    expect(await revisionCount('overseas-ip-risk-training-sessions')).toBe(0);

    const reporterUnlock = await graphql(url, 'mutation { unlockPeriod(period: "2025") }', {}, reporter);
    expect(reporterUnlock.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const unlocked = await graphql(url, 'mutation { unlockPeriod(period: "2025", reason: "补报") }', {}, coordinator);
    expect(unlocked.data!.unlockPeriod).toBe(true);
    const accepted = await graphql(url, PUSH, { input: { figures: [figure] } }, reporter);
    expect(accepted.data!.pushFigures).toMatchObject({ created: 1, rejected: 0 });

    const audit = await graphql(url, '{ periodLockEvents { action period reason actorOrganization { name } } }');
    expect(audit.data!.periodLockEvents.slice(-2)).toEqual([
      { action: 'LOCK', period: '2025', reason: '年度数据核定', actorOrganization: { name: '市市场监管局' } },
      { action: 'UNLOCK', period: '2025', reason: '补报', actorOrganization: { name: '市市场监管局' } },
    ]);
  });

  it('a reporter cannot lock a period', async () => {
    const res = await graphql(url, 'mutation { lockPeriod(period: "2024") { id } }', {}, await bearer('court', ['reporter']));
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('pushes for an owner named by alias, and an admin changes owners by alias', async () => {
    const coordinator = await bearer('amr', ['coordinator']);
    const res = await graphql(
      url,
      PUSH,
      { input: { figures: [{ indicator: 'resident-population', period: '2024', value: 1380.9, organization: '市统计局' }] } },
      coordinator,
    );
    expect(res.data!.pushFigures).toMatchObject({ created: 1 });
    const read = await graphql(
      url,
      '{ figures(indicator: "resident-population") { organization { id } history { recordedByOrganization { id } } } }',
    );
    expect(read.data!.figures[0]).toEqual({
      organization: { id: 'statistics' },
      history: [{ recordedByOrganization: { id: 'amr' } }],
    });

    const admin = await bearer('amr', ['admin']);
    const owners = await graphql(
      url,
      'mutation { setIndicatorOwners(indicator: "customs-ip-seizure-batches", owners: ["武汉海关", "市场监管局"]) { owners { id } } }',
      {},
      admin,
    );
    expect(owners.data!.setIndicatorOwners.owners).toEqual([{ id: 'customs' }, { id: 'amr' }]);
    const notAdmin = await graphql(
      url,
      'mutation { setIndicatorOwners(indicator: "customs-ip-seizure-batches", owners: ["court"]) { id } }',
      {},
      coordinator,
    );
    expect(notAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
