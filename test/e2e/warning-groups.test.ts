/**
 * A push's warnings, grouped so a person can read them, through the real gateway: five
 * breakdown rows of one indicator that jump against their previous quarter, and one row of
 * another, read as two groups — each with its code, indicator, period, count and first
 * rows — while `warnings` still lists all six. A dry run and a report's submission answer
 * the same groups.
 */
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
const CLOSED = 'court-ip-cases-closed';
const WITHIN = 'court-ip-cases-closed-within-limit';
const DISTRICTS = ['江岸区', '江汉区', '硚口区', '汉阳区', '武昌区'];
const PUSH = `mutation($input: PushFiguresInput!, $examples: Int) { pushFigures(input: $input) {
  warnings { index code } warningGroups(examples: $examples) { code indicator period count indexes message } } }`;

const rows = (period: string, value: number) => [
  ...DISTRICTS.map((breakdown) => ({ indicator: CLOSED, period, breakdown, value })),
  { indicator: WITHIN, period, value },
];

let court: Record<string, string>;
beforeAll(async () => {
  court = await bearer('court', ['reporter']);
  const q3 = await graphql(started.url(), PUSH, { input: { figures: rows('2025Q3', 10) } }, court);
  expect(q3.data!.pushFigures.warnings).toEqual([]);
});

it('groups the warnings per code, indicator and period, with counts and the first rows', async () => {
  const res = await graphql(started.url(), PUSH, { input: { figures: rows('2025Q4', 1000), dryRun: true }, examples: 2 }, court);
  expect(res.errors).toBeUndefined();
  const summary = res.data!.pushFigures;
  expect(summary.warnings).toHaveLength(6);
  expect(summary.warningGroups).toEqual([
    { code: 'IMPLAUSIBLE_JUMP', indicator: CLOSED, period: '2025Q4', count: 5, indexes: [0, 1], message: expect.any(String) },
    { code: 'IMPLAUSIBLE_JUMP', indicator: WITHIN, period: '2025Q4', count: 1, indexes: [5], message: expect.any(String) },
  ]);
});

it('answers the same groups for a report submitted, and takes examples out of range as the nearest', async () => {
  const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) {
    summary { rejected warningGroups { code indicator count } } } }`;
  const figures = rows('2025Q4', 1000).map((f) => ({ ...f, explanation: '系列案件集中审结' }));
  const res = await graphql(started.url(), SUBMIT, { input: { period: '2025Q4', figures, idempotencyKey: 'groups-1' } }, court);
  expect(res.errors).toBeUndefined();
  expect(res.data!.submitReport.summary).toEqual({
    rejected: 0,
    warningGroups: [
      { code: 'IMPLAUSIBLE_JUMP', indicator: CLOSED, count: 5 },
      { code: 'IMPLAUSIBLE_JUMP', indicator: WITHIN, count: 1 },
    ],
  });
  const nearest = await graphql(
    started.url(),
    PUSH,
    { input: { figures: rows('2025Q4', 100), dryRun: true }, examples: 0 },
    court,
  );
  expect(nearest.data!.pushFigures.warningGroups.map((g: { indexes: number[] }) => g.indexes)).toEqual([[0], [5]]);
});
