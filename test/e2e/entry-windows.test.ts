/**
 * Entry windows through the real gateway: with ENTRY_CLOSE_DAYS set (the hub's settings), a reporter writes a
 * period from its start to that many days after its due date; outside, only with an
 * exception the coordinator granted (audited, until an end time); coordinators load
 * history whatever the window. The hub runs on a clock the test holds: the day is fixed,
 * and an exception ends when the test moves the clock past it.
 */
import { parsePeriod, stepPeriod, todayUtc } from '../../lib/period';
import { addDays } from '../../subgraphs/indicators/model/calendar';
import { heldClock } from '../support/clock';
import { bearer, graphql, indicatorSettingsOf, useHubAndDatabase } from '../support/hub';

const clock = heldClock('2026-05-20T08:00:00Z');
// As ENTRY_CLOSE_DAYS=30 sets them.
const started = useHubAndDatabase({ clock, indicatorSettings: { entryWindows: { openOffsetDays: 0, closeDays: 30 } } });
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  created updated rejected rejections { index field code message } } }`;
const GRANT = `mutation($org: String!, $period: Period!, $until: DateTime!) {
  grantEntryException(organization: $org, period: $period, until: $until, reason: "court reorganised") {
    organization { id } period until reason grantedBy grantedByOrganization { id } } }`;

const today = todayUtc(clock.now());
const thisQuarter = parsePeriod(`${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`)!;
/** Eight quarters back: its due date (15 days after its end) plus 30 days lies long past. */
const closed = stepPeriod(thisQuarter, -8).text;
/** A quarter next year has not started: refused by the timing check before its window is looked at. */
const notBegun = stepPeriod(thisQuarter, 5).text;

const push = async (headers: Record<string, string>, period: string, value: number, organization?: string) => {
  const res = await graphql(
    started.url(),
    PUSH,
    { input: { figures: [{ indicator: 'court-ip-cases-closed', period, value, organization }] } },
    headers,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.pushFigures;
};

it('lets a reporter write the open period, and refuses one closed or not yet open', async () => {
  const court = await bearer('court', ['reporter']);
  expect(await push(court, thisQuarter.text, 100)).toMatchObject({ created: 1, rejected: 0 });
  const late = await push(court, closed, 100);
  expect(late).toMatchObject({ created: 0, rejected: 1 });
  expect(late.rejections[0]).toMatchObject({ field: 'period', code: 'ENTRY_CLOSED' });
  expect(late.rejections[0].message).toMatch(/closed for reporting after \d{4}-\d{2}-\d{2}/);
  const future = await push(court, notBegun, 100);
  expect(future.rejections[0]).toMatchObject({
    field: 'period',
    code: 'BAD_USER_INPUT',
    message: `${notBegun} has not begun: no figure yet`,
  });
  // Opening 200 days after its start, the current quarter is not open yet.
  const settings = indicatorSettingsOf(started.hub());
  const windows = settings.entryWindows;
  settings.entryWindows = { openOffsetDays: 200, closeDays: 30 };
  try {
    const early = await push(court, thisQuarter.text, 101);
    expect(early).toMatchObject({ updated: 0, rejected: 1 });
    expect(early.rejections[0]).toMatchObject({
      code: 'ENTRY_CLOSED',
      message: `${thisQuarter.text} opens for reporting on ${addDays(thisQuarter.start, 200)}`,
    });
  } finally {
    settings.entryWindows = windows;
  }
});

it('does not hold a coordinator loading history to the windows', async () => {
  const coordinator = await bearer('amr', ['coordinator']);
  expect(await push(coordinator, stepPeriod(parsePeriod(closed)!, -1).text, 90, 'court')).toMatchObject({
    created: 1,
    rejected: 0,
  });
});

it('lets the reporter write a closed period while an exception the coordinator granted is in force', async () => {
  const url = started.url();
  const court = await bearer('court', ['reporter']);
  const coordinator = await bearer('amr', ['coordinator']);
  const soon = new Date(clock.now().getTime() + 3_600_000).toISOString();
  expect((await graphql(url, GRANT, { org: 'court', period: closed, until: soon }, court)).errors?.[0].extensions?.code).toBe(
    'FORBIDDEN',
  );
  const past = await graphql(url, GRANT, { org: 'court', period: closed, until: '2020-01-01T00:00:00Z' }, coordinator);
  expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });

  // An exception for another period does not open this one.
  const other = stepPeriod(parsePeriod(closed)!, -2).text;
  const later = new Date(clock.now().getTime() + 7_200_000).toISOString();
  expect((await graphql(url, GRANT, { org: '市法院', period: other, until: later }, coordinator)).errors).toBeUndefined();
  expect(await push(court, closed, 100)).toMatchObject({ rejected: 1 });

  const granted = await graphql(url, GRANT, { org: 'court', period: closed, until: soon }, coordinator);
  expect(granted.data!.grantEntryException).toMatchObject({
    organization: { id: 'court' },
    period: closed,
    until: soon,
    grantedByOrganization: { id: 'amr' },
  });
  expect(await push(court, closed, 100)).toMatchObject({ created: 1, rejected: 0 });
  const audit = await graphql(
    url,
    `
      {
        entryExceptions(organization: "court") {
          period
          until
          grantedBy
        }
      }
    `,
  );
  expect(audit.data!.entryExceptions.map((e: any) => e.period)).toEqual([other, closed]);

  // Once it ends, the period is closed again.
  clock.advance(Date.parse(soon) - clock.now().getTime() + 1000);
  const ended = await push(court, closed, 101);
  expect(ended).toMatchObject({ updated: 0, rejected: 1 });
  expect(ended.rejections[0]).toMatchObject({ code: 'ENTRY_CLOSED' });
  // An exception that ended cannot be granted again with an end before the hub's now.
  const late = await graphql(url, GRANT, { org: 'court', period: closed, until: soon }, coordinator);
  expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
});
