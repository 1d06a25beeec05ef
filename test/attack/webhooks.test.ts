/**
 * Webhooks go only where they may: coordinators and admins subscribe, at most 20 URLs per
 * organisation and each once; a target whose host is or resolves to an address inside
 * (metadata, private, link-local, unique-local, unspecified …) is refused when it is
 * subscribed and again when an event is delivered, and a receiver's redirect is not
 * followed. 127.0.0.1 is reached here only because the hub's allowed hosts list it (as
 * WEBHOOK_ALLOWED_HOSTS sets them); every refused target is refused before any connection
 * is made.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverWebhook } from '../../subgraphs/indicators/notifications/deliver';
import { checkWebhookTarget } from '../../subgraphs/indicators/notifications/webhook-target';
import { bearer, graphql, indicatorSettingsOf, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
/** Where the running hub lets webhooks go (its settings: a change holds for the requests that follow). */
const policy = () => indicatorSettingsOf(started.hub()).notifications.webhooks;
const SUBSCRIBE = `mutation($url: String!, $org: String) {
  subscribeWebhook(url: $url, events: [REPORT_DUE_SOON], organization: $org) { subscription { id url } secret } }`;
const count = async (org: string) =>
  (await started.db().query(`SELECT count(*)::int AS n FROM indicators.webhook_subscription WHERE organization_id = $1`, [org]))
    .rows[0].n as number;

interface Receiver {
  server: http.Server;
  hits: Array<{ url: string; event: string }>;
  url: string;
}
async function receiver(answer: (res: http.ServerResponse) => void): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push({ url: req.url ?? '', event: String(req.headers['x-ipzone-event-id']) });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, hits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const receivers: Receiver[] = [];

beforeAll(() => {
  policy().allowedHosts = ['127.0.0.1'];
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.server.close(resolve))));
});

/** An event of the court's written to the outbox, delivered to a subscription as the worker's job does. */
async function deliver(
  subscriptionId: string,
): Promise<{ error: string | null; status: number | null; delivered: boolean; gaveUp: boolean }> {
  const { rows } = await started
    .db()
    .query(
      `INSERT INTO indicators.outbox (event, organization_id, event_key, payload) VALUES ('REPORT_DUE_SOON', 'court', $1, '{}') RETURNING id::text`,
      [`test:${Math.random()}`],
    );
  const db = started.hub().subgraphs.indicators.store.dataSource;
  await deliverWebhook(db, { outboxId: rows[0].id, subscriptionId }, false, policy()).catch(() => undefined);
  const log = await started
    .db()
    .query(
      `SELECT error, http_status, delivered, gave_up FROM indicators.webhook_delivery WHERE outbox_id = $1 ORDER BY id DESC LIMIT 1`,
      [rows[0].id],
    );
  return {
    error: log.rows[0].error,
    status: log.rows[0].http_status,
    delivered: log.rows[0].delivered,
    gaveUp: log.rows[0].gave_up,
  };
}

describe('who subscribes', () => {
  it.each([['reporter'], ['approver'], ['analyst']] as const)('a %s is FORBIDDEN and nothing is written', async (role) => {
    const before = await count('court');
    const res = await graphql(started.url(), SUBSCRIBE, { url: 'http://127.0.0.1:9/hook' }, await bearer('court', [role]));
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await count('court')).toBe(before);
  });

  it('a reporter reads no delivery log (the receivers’ answers would be a probe); a coordinator does', async () => {
    const reporter = await graphql(
      started.url(),
      `
        {
          webhookDeliveries {
            httpStatus
            error
          }
        }
      `,
      {},
      await bearer('court', ['reporter']),
    );
    expect(reporter.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(reporter.data?.webhookDeliveries ?? null).toBeNull();
    const coordinator = await graphql(
      started.url(),
      `
        {
          webhookDeliveries(organization: "court") {
            httpStatus
            error
          }
        }
      `,
      {},
      await bearer('amr', ['coordinator']),
    );
    expect(coordinator.errors).toBeUndefined();
  });
});

describe('targets inside are refused, before any connection', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/hook',
    'http://172.16.0.1/hook',
    'http://192.168.1.1/hook',
    'http://[fd00::1]/hook',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://0.0.0.0:5432/',
    'http://100.100.100.200/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/',
    'http://224.0.0.1/',
    'http://localhost:5432/',
    'http://127.0.0.2/',
  ])('%s → WEBHOOK_TARGET_FORBIDDEN, nothing written', async (url) => {
    const before = await count('court');
    const res = await graphql(started.url(), SUBSCRIBE, { url, org: 'court' }, await bearer('court', ['coordinator']));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'WEBHOOK_TARGET_FORBIDDEN', field: 'url' });
    expect(await count('court')).toBe(before);
  });

  it('outside development a target must be https (the check itself, with production settings)', async () => {
    const production = { allowedHosts: ['127.0.0.1'], http: false };
    await expect(checkWebhookTarget('http://127.0.0.1:9/plain', production)).rejects.toMatchObject({
      extensions: { code: 'WEBHOOK_TARGET_FORBIDDEN' },
    });
    await expect(checkWebhookTarget('https://127.0.0.1:9/tls', production)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(checkWebhookTarget('https://127.0.0.1:9/tls', { ...production, allowedHosts: [] })).rejects.toMatchObject({
      extensions: { code: 'WEBHOOK_TARGET_FORBIDDEN' },
    });
  });
});

describe('subscriptions are bounded', () => {
  it('150 identical subscriptions make one: the other 149 are CONFLICT', async () => {
    const token = await bearer('customs', ['coordinator']);
    const codes: string[] = [];
    for (let i = 0; i < 150; i++) {
      const res = await graphql(started.url(), SUBSCRIBE, { url: 'http://127.0.0.1:9/same' }, token);
      codes.push(res.errors?.[0].extensions?.code ?? 'OK');
    }
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(149);
    expect(await count('customs')).toBe(1);
  });

  it('an organisation has at most 20; unsubscribing makes room', async () => {
    const token = await bearer('police', ['coordinator']);
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => graphql(started.url(), SUBSCRIBE, { url: `http://127.0.0.1:9/h${i}` }, token)),
    );
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(20);
    expect(answers.filter((a) => a.errors?.[0].extensions?.code === 'TOO_MANY_WEBHOOKS')).toHaveLength(5);
    expect(await count('police')).toBe(20);
    const id = answers.find((a) => a.errors === undefined)!.data!.subscribeWebhook.subscription.id;
    const reporter = await graphql(
      started.url(),
      `
        mutation ($id: ID!) {
          unsubscribeWebhook(id: $id)
        }
      `,
      { id },
      await bearer('police', ['reporter']),
    );
    expect(reporter.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const gone = await graphql(
      started.url(),
      `
        mutation ($id: ID!) {
          unsubscribeWebhook(id: $id)
        }
      `,
      { id },
      token,
    );
    expect(gone.data).toEqual({ unsubscribeWebhook: true });
    expect(await count('police')).toBe(19);
    const again = await graphql(started.url(), SUBSCRIBE, { url: 'http://127.0.0.1:9/h-again' }, token);
    expect(again.errors).toBeUndefined();
  });
});

describe('each delivery is checked again', () => {
  it('a target allowed when subscribed but not any more is not connected to, and not retried', async () => {
    const hook = await receiver((res) => res.writeHead(204).end());
    receivers.push(hook);
    const res = await graphql(
      started.url(),
      SUBSCRIBE,
      { url: `${hook.url}/later-refused`, org: 'court' },
      await bearer('amr', ['coordinator']),
    );
    const id = res.data!.subscribeWebhook.subscription.id;
    expect(await deliver(id)).toMatchObject({ delivered: true, status: 204 });
    expect(hook.hits).toHaveLength(1);
    policy().allowedHosts = [];
    try {
      const refused = await deliver(id);
      expect(refused).toMatchObject({ delivered: false, gaveUp: true });
      expect(refused.error).toMatch(/^WEBHOOK_TARGET_FORBIDDEN/);
      expect(hook.hits).toHaveLength(1);
    } finally {
      policy().allowedHosts = ['127.0.0.1'];
    }
  });

  it('a redirect is the receiver’s answer, not followed', async () => {
    const elsewhere = await receiver((res) => res.writeHead(204).end());
    const redirecting = await receiver((res) => res.writeHead(307, { location: `${elsewhere.url}/inside` }).end());
    receivers.push(elsewhere, redirecting);
    const res = await graphql(
      started.url(),
      SUBSCRIBE,
      { url: `${redirecting.url}/hook`, org: 'court' },
      await bearer('amr', ['coordinator']),
    );
    const outcome = await deliver(res.data!.subscribeWebhook.subscription.id);
    expect(outcome).toMatchObject({ delivered: false, status: 307, error: 'HTTP 307' });
    expect(redirecting.hits).toHaveLength(1);
    expect(elsewhere.hits).toHaveLength(0);
  });
});
