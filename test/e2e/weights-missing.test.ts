/**
 * An average weighted by another indicator's figures (the days to close a case, by the
 * cases closed) whose weight indicator has no figure of its own for the periods — reported
 * by districts alone, say — is weighted by months, and its reason says so: the switch of
 * weights is never silent.
 */
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const { url } = useHubAndDatabase();

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { rejected } }`;
const KPI = `query { indicator(id: "average-trial-closure-days") { kpi(asOf: "2026-01-15") { actual status reason } } }`;

it('weighs an average by months when its weight indicator has no figures, and says so', async () => {
  const days = [120, 100, 95, 90].map((value, q) => ({
    indicator: 'average-trial-closure-days',
    period: `2025Q${q + 1}`,
    value,
  }));
  const closed = [250, 500, 750, 500].flatMap((value, q) =>
    ['江岸区', '武昌区'].map((breakdown) => ({ indicator: 'court-ip-cases-closed', period: `2025Q${q + 1}`, breakdown, value })),
  );
  const pushed = await graphql(url(), PUSH, { input: { figures: [...days, ...closed] } }, await bearer('amr', ['coordinator']));
  expect(pushed.data?.pushFigures).toEqual({ rejected: 0 });
  const kpi = (await graphql(url(), KPI)).data!.indicator.kpi;
  // (120 + 100 + 95 + 90) / 4: each quarter weighs its three months.
  expect(kpi.actual).toBe(101.25);
  expect(kpi.reason).toContain('no weight for 2025Q1, 2025Q2, 2025Q3, 2025Q4: the mean weighted by months');
});
