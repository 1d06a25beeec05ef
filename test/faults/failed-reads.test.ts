/**
 * A read that fails reaches the caller as an error, never as a smaller number. A table a
 * loader reads is taken away while the hub runs (renamed, then put back), so that one batch
 * of the request fails in the database: the scoreboard, a scorecard, the KPIs, reporting
 * completeness and a push naming an organisation answer an error, where the KPIs and
 * completeness used to answer fewer KPIs and an empty list, and the push "unknown
 * organisation".
 */
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const AS_OF = '2025-12-31';
const { url, db } = useHubAndDatabase();

beforeAll(async () => {
  const pushed = await graphql(
    url(),
    `
      mutation {
        pushFigures(input: { figures: [{ indicator: "court-ip-cases-closed", period: "2025Q1", value: 1000 }] }) {
          created
        }
      }
    `,
    {},
    await bearer('court', ['reporter']),
  );
  expect(pushed.errors).toBeUndefined();
});

/** Runs `action` while `table` is away. */
async function without<T>(table: string, action: () => Promise<T>): Promise<T> {
  const [schema, name] = table.split('.');
  await db().query(`ALTER TABLE ${table} RENAME TO ${name}_away`);
  try {
    return await action();
  } finally {
    await db().query(`ALTER TABLE ${schema}.${name}_away RENAME TO ${name}`);
  }
}

const KPIS = `query ($asOf: LocalDate) { kpis(asOf: $asOf) { indicator { id } status } }`;
const COMPLETENESS = `query ($asOf: LocalDate) { reportingCompleteness(asOf: $asOf) { organization { id } expected missing } }`;

it('the scoreboard and a scorecard answer an error, not smaller counts, when the figures cannot be read', async () => {
  const query = `query ($asOf: LocalDate) {
    scoreboard(asOf: $asOf) { targets { total noData } }
    organization(id: "court") { indicatorScorecard(asOf: $asOf) { counts { total } } } }`;
  const whole = await graphql(url(), query, { asOf: AS_OF });
  expect(whole.errors).toBeUndefined();
  expect(whole.data!.scoreboard.targets.total).toBeGreaterThan(10);
  const failed = await without('indicators.figure_series', () => graphql(url(), query, { asOf: AS_OF }));
  expect(failed.errors?.length).toBeGreaterThan(0);
  expect(failed.data?.scoreboard ?? null).toBeNull();
  expect(failed.data?.organization?.indicatorScorecard ?? null).toBeNull();
});

it('the KPIs answer an error, not fewer KPIs, when the figures cannot be read', async () => {
  const whole = await graphql(url(), KPIS, { asOf: AS_OF });
  expect(whole.errors).toBeUndefined();
  expect(whole.data!.kpis.length).toBeGreaterThan(10);
  const failed = await without('indicators.figure_series', () => graphql(url(), KPIS, { asOf: AS_OF }));
  expect(failed.errors?.length).toBeGreaterThan(0);
  expect(failed.data?.kpis ?? null).toBeNull();
  expect(await graphql(url(), KPIS, { asOf: AS_OF })).toEqual(whole);
});

it('reporting completeness answers an error, not an empty list, when the reports cannot be read', async () => {
  const whole = await graphql(url(), COMPLETENESS, { asOf: AS_OF });
  expect(whole.errors).toBeUndefined();
  expect(whole.data!.reportingCompleteness.some((r: { expected: number }) => r.expected > 0)).toBe(true);
  const failed = await without('indicators.figure_series', () => graphql(url(), COMPLETENESS, { asOf: AS_OF }));
  expect(failed.errors?.length).toBeGreaterThan(0);
  expect(failed.data?.reportingCompleteness ?? null).toBeNull();
});

it('a push naming an organisation answers an error, not "unknown organisation", when names cannot be resolved', async () => {
  const push = `mutation { pushFigures(input: { figures: [
    { indicator: "court-ip-cases-closed", period: "2025Q2", value: 900, organization: "市法院" }] }) { created rejected } }`;
  const coordinator = await bearer('amr', ['coordinator']);
  const failed = await without('org.organization_alias', () => graphql(url(), push, {}, coordinator));
  expect(failed.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  expect(failed.data?.pushFigures ?? null).toBeNull();
  const landed = await graphql(url(), push, {}, coordinator);
  expect(landed.errors ?? landed.data).toEqual({ pushFigures: { created: 1, rejected: 0 } });
});
