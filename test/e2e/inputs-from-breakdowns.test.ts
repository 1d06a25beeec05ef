/**
 * An indicator reported by its districts alone counts the same wherever it is used: the
 * sum of its breakdowns stands for its totals in its own KPI, as the weights of an average
 * (the days to close a case, weighted by the cases closed) and as an input of a derived
 * rate (cases closed within the limit over cases closed). An average whose weight
 * indicator has no figures at all is weighted by months, and its reason says so.
 */
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const { url } = useHubAndDatabase();

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { rejected } }`;
const KPI = `query($id: ID!, $asOf: LocalDate) { indicator(id: $id) { kpi(asOf: $asOf) { actual status reason fromBreakdowns } } }`;
const push = async (figures: Array<Record<string, unknown>>) => {
  const pushed = await graphql(url(), PUSH, { input: { figures } }, await bearer('amr', ['coordinator']));
  expect(pushed.data?.pushFigures).toEqual({ rejected: 0 });
};
const kpi = async (id: string, asOf: string) => (await graphql(url(), KPI, { id, asOf })).data!.indicator.kpi;
const quarters = (indicator: string, values: number[], year = 2025, extra: Record<string, unknown> = {}) =>
  values.map((value, q) => ({ indicator, period: `${year}Q${q + 1}`, value, ...extra }));

it('weighs an average by months when its weight indicator has no figures, and says so', async () => {
  await push(quarters('average-trial-closure-days', [120, 100, 95, 90]));
  const mean = await kpi('average-trial-closure-days', '2026-01-15');
  // (120 + 100 + 95 + 90) / 4: each quarter weighs its three months.
  expect(mean.actual).toBe(101.25);
  expect(mean.reason).toContain('no weight for 2025Q1, 2025Q2, 2025Q3, 2025Q4: the mean weighted by months');
});

it("weighs an average by the sums of its weight indicator's breakdowns where that has no totals", async () => {
  await push([
    // Cases closed by two districts alone: 500, 1,000, 1,500 and 1,000 a quarter.
    ...['江岸区', '武昌区'].flatMap((breakdown) => quarters('court-ip-cases-closed', [250, 500, 750, 500], 2025, { breakdown })),
  ]);
  expect(await kpi('court-ip-cases-closed', '2025-12-31')).toMatchObject({ actual: 4000 });
  const mean = await kpi('average-trial-closure-days', '2026-01-15');
  // (120 × 500 + 100 × 1,000 + 95 × 1,500 + 90 × 1,000) / 4,000, not (120 + 100 + 95 + 90) / 4 = 101.25.
  expect(mean.actual).toBe(98.125);
  expect(mean.reason).not.toContain('no weight');
  // It says its weights are the districts' sums, as a derived indicator says of its inputs.
  expect(mean.reason).toContain(
    '[court-ip-cases-closed] 2025Q1, [court-ip-cases-closed] 2025Q2, [court-ip-cases-closed] 2025Q3, [court-ip-cases-closed] 2025Q4: the sums of their breakdowns, no total reported',
  );
  expect(mean.fromBreakdowns).toEqual(['武昌区', '江岸区']);
});

it("computes a derived rate from the sums of its inputs' breakdowns where they have no totals, and says so", async () => {
  // Within the limit, by the same two districts: 490, 980, 1,470 and 960 a quarter.
  await push(
    ['江岸区', '武昌区'].flatMap((breakdown) =>
      quarters('court-ip-cases-closed-within-limit', [245, 490, 735, 480], 2025, { breakdown }),
    ),
  );
  const rate = await kpi('trial-closure-within-limit-rate', '2026-01-15');
  // 3,900 within the limit of the 4,000 the districts closed.
  // The districts whose sums it counts are named, as for the sums of an indicator's own breakdowns.
  expect(rate).toMatchObject({ actual: 97.5, status: 'ACHIEVED', fromBreakdowns: ['武昌区', '江岸区'] });
  expect(rate.reason).toBe(
    'the target is met; [court-ip-cases-closed-within-limit] 2025Q1, [court-ip-cases-closed-within-limit] 2025Q2, [court-ip-cases-closed-within-limit] 2025Q3, [court-ip-cases-closed-within-limit] 2025Q4, [court-ip-cases-closed] 2025Q1, [court-ip-cases-closed] 2025Q2, [court-ip-cases-closed] 2025Q3, [court-ip-cases-closed] 2025Q4: the sums of their breakdowns, no total reported',
  );
});

it("never combines a sum of one input's breakdowns with another input's reported total", async () => {
  // The city's total within the limit, against cases closed known only from two districts: no rate (195 % for one district).
  await push(quarters('court-ip-cases-closed-within-limit', [975, 975, 975, 975]));
  const rate = await kpi('trial-closure-within-limit-rate', '2026-01-15');
  expect(rate).toMatchObject({ actual: null, status: 'NO_DATA', fromBreakdowns: [] });
  expect(rate.reason).toContain(
    "[court-ip-cases-closed] 2025Q1, [court-ip-cases-closed] 2025Q2, [court-ip-cases-closed] 2025Q3, [court-ip-cases-closed] 2025Q4: sums of breakdowns, not combined with another input's reported total",
  );
});
