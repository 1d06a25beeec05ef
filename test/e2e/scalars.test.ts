/**
 * Dates, instants and periods are scalars (LocalDate, DateTime, Period) and period types an
 * enum: a bad value is refused once, by the scalar, through the gateway, with
 * BAD_USER_INPUT naming the argument, whether written in the query or sent as a variable.
 */
import type { Hub } from '../../hub';
import { bearer, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
});
afterAll(() => hub?.stop());

const refusal = (res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => {
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, field: res.errors![0].extensions?.field };
};

describe('scalars through the gateway', () => {
  it.each([
    ['a KPI literal', '{ scoreboard(asOf: "2025-02-30") { asOf } }', 'asOf'],
    ['a nested KPI literal', '{ indicator(id: "copyright-registrations") { kpi(asOf: "2025-12") { status } } }', 'asOf'],
    ['a task literal', '{ plan { taskStatusCounts(asOf: "tomorrow") { total } } }', 'asOf'],
    ['an input field', '{ tasks(filter: { overdueAsOf: "2025/12/31" }) { id } }', 'filter.overdueAsOf'],
    ['a number for a date', '{ kpis(asOf: 20251231) { status } }', 'asOf'],
    ['a period', '{ figures(indicator: "copyright-registrations", from: "2025Q5") { period } }', 'from'],
    ['an instant', '{ figures(indicator: "copyright-registrations", asOf: "yesterday") { period } }', 'asOf'],
  ])('%s is refused with BAD_USER_INPUT and its field', async (_, query, field) => {
    expect(refusal(await graphql(url, query))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a bad variable naming the argument it is given to', async () => {
    const kpi = await graphql(url, 'query($day: LocalDate) { kpis(asOf: $day) { status } }', { day: '2025-13-01' });
    expect(refusal(kpi)).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const tasks = await graphql(url, 'query($f: TaskFilter) { tasks(filter: $f) { id } }', { f: { overdueAsOf: 'x' } });
    expect(refusal(tasks)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.overdueAsOf' });
    const lock = await graphql(
      url,
      'mutation($p: Period!) { lockPeriod(period: $p) { id } }',
      { p: '2025H3' },
      await bearer('amr', ['coordinator']),
    );
    expect(refusal(lock)).toEqual({ code: 'BAD_USER_INPUT', field: 'period' });
    expect((await graphql(url, '{ periodLocks { id } }')).data!.periodLocks).toEqual([]);
  });

  it('takes good values: canonical periods, days, instants, and answers period types as an enum', async () => {
    const res = await graphql(
      url,
      `
        query ($day: LocalDate, $at: DateTime) {
          scoreboard(asOf: $day) {
            asOf
          }
          indicator(id: "copyright-registrations") {
            periodTypes
            figures(from: "2025q1", asOf: $at) {
              period
            }
          }
        }
      `,
      { day: '2024-02-29', at: '2025-12-31T23:59:59Z' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.scoreboard.asOf).toBe('2024-02-29');
    expect(res.data!.indicator.periodTypes).toEqual(expect.arrayContaining(['QUARTER']));
  });
});
