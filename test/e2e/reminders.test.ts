/**
 * Reminders that reach people, with two replicas of every service on one database: a
 * due-soon reminder reaches a real SMTP server and each webhook receiver exactly once,
 * signed; a receiver that fails three times gets the event on the fourth try, and the
 * delivery log shows every attempt. The scan is a pg-boss job, sent here as the schedule
 * sends it (twice: each event is still delivered once). Both replicas run on a clock the
 * test holds, so the reports due soon are the same whatever day the test runs.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import PgBoss from 'pg-boss';
import { SMTPServer } from 'smtp-server';
import { type Hub, startHub } from '../../hub';
import { todayUtc } from '../../lib/period';
import { QUEUES } from '../../subgraphs/indicators/notifications/queues';
import { addDays } from '../../subgraphs/indicators/model/calendar';
import { heldClock } from '../support/clock';
import { bearer, graphql, startTestHub, testNotifications } from '../support/hub';

jest.setTimeout(180_000);

interface Received {
  eventId: string;
  body: string;
  signature: string;
}

function receiver(failFirst: number) {
  const requests: Received[] = [];
  const tries = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const eventId = String(req.headers['x-ipzone-event-id']);
      requests.push({ eventId, body, signature: String(req.headers['x-ipzone-signature']) });
      const n = (tries.get(eventId) ?? 0) + 1;
      tries.set(eventId, n);
      res.writeHead(n <= failFirst ? 503 : 204).end();
    });
  });
  return { server, requests, tries };
}

const mails: Array<{ to: string[]; raw: string }> = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk) => (raw += chunk));
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});
const steady = receiver(0);
const flaky = receiver(3);
const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown }) =>
  new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const portOf = (server: { address(): AddressInfo | string | null }) => (server.address() as AddressInfo).port;

const hubs: Hub[] = [];
const clock = heldClock('2026-03-20T09:00:00Z');
const today = todayUtc(clock.now());
/** The court's current quarter is due 15 days after it ends: look that far ahead. */
const quarterEnd = (() => {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lastMonth = Math.ceil(m / 3) * 3;
  return new Date(Date.UTC(y, lastMonth, 0)).toISOString().slice(0, 10);
})();
const due = addDays(quarterEnd, 15);
const dueDays = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000) + 1;

beforeAll(async () => {
  await Promise.all([listen(smtp.server), listen(steady.server), listen(flaky.server)]);
  // As REMINDER_DUE_DAYS, SMTP_URL and MAIL_FROM set them, beside testNotifications' own.
  const indicatorSettings = {
    reminders: { dueDays, overdueDays: 30 },
    notifications: testNotifications({
      mail: { smtpUrl: `smtp://127.0.0.1:${portOf(smtp.server)}`, from: 'ipzone <hub@example.org>' },
    }),
  };
  hubs.push(await startTestHub({ clock, indicatorSettings }));
  // The second replica of every service, on the same database.
  const ports = { gateway: 0, organizations: 0, tasks: 0, indicators: 0 };
  hubs.push(await startHub({ settings: hubs[0].settings, ports, seedIfEmpty: false, clock, indicatorSettings }));
});
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  steady.server.close();
  flaky.server.close();
});

async function until(check: () => boolean, what: string, ms = 120_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Sends jobs into the hubs' queues, as their schedules do. */
async function sendJobs(...queues: string[]) {
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: 'ipzone_jobs',
    supervise: false,
    schedule: false,
  });
  await boss.start();
  for (const queue of queues) await boss.send(queue, {});
  await boss.stop({ graceful: true, wait: true });
}

const SUBSCRIBE = `mutation($url: String!) { subscribeWebhook(url: $url, events: [REPORT_DUE_SOON], organization: "court") {
  subscription { id url events organization { id } } secret } }`;

it('delivers a due-soon reminder once to the SMTP server and to each webhook, the flaky one on its fourth try', async () => {
  const [a, b] = hubs.map((h) => h.gateway.url);
  const court = await bearer('court', ['reporter']);
  // The coordinator's office subscribes the court's receivers (only coordinators and admins subscribe).
  const office = await bearer('amr', ['coordinator']);
  const s1 = await graphql(a, SUBSCRIBE, { url: `http://127.0.0.1:${portOf(steady.server)}/hook` }, office);
  const s2 = await graphql(b, SUBSCRIBE, { url: `http://127.0.0.1:${portOf(flaky.server)}/hook` }, office);
  expect(s1.errors).toBeUndefined();
  const secrets = new Map([
    [steady, s1.data!.subscribeWebhook.secret as string],
    [flaky, s2.data!.subscribeWebhook.secret as string],
  ]);
  const bad = await graphql(a, SUBSCRIBE, { url: 'ftp://example.org' }, office);
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
  // Addresses as the mailer will read them: group syntax, a display name (encoded or not) or
  // a comment is refused with nothing stored, saying where mail would have gone.
  for (const [entry, goesTo] of [
    ['o:d@b.test;', 'd@b.test'],
    ['=?utf-8?q?x?= <stats@court.example.org>', 'stats@court.example.org'],
    ['(c)stats@court.example.org', 'stats@court.example.org'],
    ['a@b.test, c@d.test', 'a@b.test, c@d.test'],
  ]) {
    const refused = await graphql(
      a,
      `
        mutation ($emails: [String!]!) {
          setMailRecipients(emails: $emails, events: [REPORT_DUE_SOON]) {
            email
          }
        }
      `,
      { emails: ['stats@court.example.org', entry] },
      court,
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'emails' });
    expect(refused.errors?.[0].message).toContain(`mail would go to ${goesTo}`);
  }
  // Stored and listed as sent: trimmed and in lower case.
  const mail = await graphql(
    a,
    `
      mutation {
        setMailRecipients(emails: [" Stats@Court.Example.ORG"], events: [REPORT_DUE_SOON]) {
          email
          events
        }
      }
    `,
    {},
    court,
  );
  expect(mail.data!.setMailRecipients).toEqual([{ email: 'stats@court.example.org', events: ['REPORT_DUE_SOON'] }]);

  // What the court owes by then and has not reported: the reminders expected.
  const owed = await graphql(
    a,
    `
      query ($asOf: LocalDate) {
        organization(id: "court") {
          indicators {
            id
            reporting(asOf: $asOf) {
              period
              due
              status
              organization {
                id
              }
            }
          }
        }
      }
    `,
    { asOf: addDays(today, dueDays) },
  );
  const expected = owed
    .data!.organization.indicators.flatMap((i: any) =>
      i.reporting
        .filter((r: any) => r.organization.id === 'court' && r.due >= today && r.status === 'MISSING')
        .map((r: any) => `${i.id} ${r.period} ${r.due}`),
    )
    .sort();
  expect(expected).toContain(`court-ip-cases-closed ${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)} ${due}`);

  // The schedule's job, sent twice (as two ticks would): the events are written once.
  await sendJobs(QUEUES.scan, QUEUES.scan);

  const delivered = (r: ReturnType<typeof receiver>) => new Set(r.requests.map((q) => q.eventId));
  await until(() => delivered(steady).size >= expected.length, 'the steady receiver');
  await until(() => mails.length >= expected.length, 'the e-mails');
  await until(() => [...flaky.tries.values()].filter((n) => n >= 4).length >= expected.length, 'the flaky receiver');
  // Time for any duplicate to show up.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const bodies = steady.requests.map((q) => JSON.parse(q.body));
  expect(bodies.map((e) => `${e.data.indicatorId} ${e.data.period} ${e.data.due}`).sort()).toEqual(expected);
  expect(bodies.every((e) => e.type === 'REPORT_DUE_SOON' && e.organizationId === 'court')).toBe(true);
  expect(steady.requests).toHaveLength(expected.length);
  expect(flaky.requests).toHaveLength(expected.length * 4);
  for (const [r, secret] of secrets) {
    for (const q of r.requests) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(q.signature)!;
      expect(createHmac('sha256', secret).update(`${t}.${q.body}`).digest('hex')).toBe(v1);
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(120);
    }
  }
  expect(mails).toHaveLength(expected.length);
  for (const m of mails) {
    expect(m.to).toEqual(['stats@court.example.org']);
    expect(m.raw).toMatch(/^From: ipzone <hub@example\.org>/m);
    expect(m.raw).toMatch(/REPORT_DUE_SOON \(event \d+\)/);
  }
  expect(new Set(mails.map((m) => /^x-ipzone-event-id: (\d+)/im.exec(m.raw)![1]))).toEqual(delivered(steady));

  // The delivery log, as the coordinator's office reads it: three failures then a delivery per event on the flaky hook.
  const log = await graphql(
    a,
    `
      {
        webhookDeliveries(organization: "court") {
          subscriptionId
          eventId
          event
          attempt
          delivered
          httpStatus
        }
      }
    `,
    {},
    office,
  );
  const flakyId = s2.data!.subscribeWebhook.subscription.id;
  const attempts = log.data!.webhookDeliveries.filter((d: any) => d.subscriptionId === flakyId);
  for (const eventId of delivered(flaky)) {
    expect(
      attempts
        .filter((d: any) => d.eventId === eventId)
        .map((d: any) => [d.attempt, d.delivered, d.httpStatus])
        .sort(),
    ).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, false, 503],
      [4, true, 204],
    ]);
  }
  const other = await graphql(
    a,
    `
      {
        webhookDeliveries(organization: "customs") {
          eventId
        }
      }
    `,
    {},
    court,
  );
  expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

it('tells the court its submission was returned, with the comment, and e-mails the coordinator the weekly digest', async () => {
  const [a] = hubs.map((h) => h.gateway.url);
  const court = await bearer('court', ['reporter']);
  const coordinator = await bearer('amr', ['coordinator']);
  const sub = await graphql(
    a,
    `
      mutation ($url: String!) {
        subscribeWebhook(url: $url, events: [SUBMISSION_RETURNED, SUBMISSION_ACCEPTED], organization: "court") {
          secret
        }
      }
    `,
    { url: `http://127.0.0.1:${portOf(steady.server)}/decisions` },
    coordinator,
  );
  expect(sub.errors).toBeUndefined();
  const digestTo = await graphql(
    a,
    `
      mutation {
        setMailRecipients(emails: ["office@amr.example.org"], events: [WEEKLY_DIGEST]) {
          email
        }
      }
    `,
    {},
    coordinator,
  );
  expect(digestTo.errors).toBeUndefined();
  const push = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created } }`;
  for (const period of ['2025Q3', '2025Q4'])
    await graphql(a, push, { input: { figures: [{ indicator: 'court-ip-cases-closed', period, value: 900 }] } }, court);
  const [q3] = (
    await graphql(
      a,
      `
        {
          submissions(organization: "court", period: "2025Q3") {
            id
          }
        }
      `,
    )
  ).data!.submissions;
  const comment = '请补充说明';
  const returned = await graphql(
    a,
    `
      mutation ($id: ID!, $comment: String!) {
        returnSubmission(id: $id, comment: $comment) {
          state
        }
      }
    `,
    { id: q3.id, comment },
    coordinator,
  );
  expect(returned.errors).toBeUndefined();

  const before = { hooks: steady.requests.length, mails: mails.length };
  await sendJobs(QUEUES.relay, QUEUES.digest);
  await until(() => steady.requests.length > before.hooks && mails.length > before.mails, 'the decision and the digest');
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const decisions = steady.requests.slice(before.hooks).map((q) => JSON.parse(q.body));
  expect(decisions).toEqual([
    expect.objectContaining({
      type: 'SUBMISSION_RETURNED',
      organizationId: 'court',
      data: expect.objectContaining({ period: '2025Q3', state: 'RETURNED', comment, by: 'amr' }),
    }),
  ]);
  const digests = mails.slice(before.mails);
  expect(digests).toHaveLength(1);
  expect(digests[0].to).toEqual(['office@amr.example.org']);
  // Quoted-printable may fold the text: unfold it before reading.
  const text = digests[0].raw.replace(/=\r?\n/g, '');
  expect(text).toMatch(/WEEKLY_DIGEST \(event \d+\)/);
  expect(text).toMatch(/Waiting for review:\r?\n {2}court {2}2025Q4 {2}SUBMITTED/);
  expect(text).toMatch(/Late reports:\r?\n {2}\S+ {2}\S+ {2}\d{4}/);
});
