/** Starts the whole hub on free ports for a test file, and talks to it like a client. */
import {
  type EnvVariable,
  type IndicatorSettings,
  type NotificationSettings,
  SUBGRAPHS,
  type SubgraphName,
} from '../../lib/config';
import { type Settings, settingsWith } from '../../lib/settings';
import { startGateway } from '../../gateway';
import { type Hub, type HubOptions, startHub } from '../../hub';
import { GATEWAY_TOKEN_HEADER, type Role, signGatewayToken } from '../../lib/identity';
import { startSubgraph } from '../../lib/subgraph';
import { issueToken } from '../../lib/tokens';
import { subgraphDefinitions } from '../../subgraphs';
import path from 'node:path';
import { Client } from 'pg';
import { recreateDatabase } from './database';
import { TEST_DB_PREFIX } from './isolation';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
}

/**
 * The settings of a test's hub or command: the test environment's (test/support/global-setup.ts)
 * with `changes` over it, read as a start reads them.
 */
export const testSettings = (changes: Partial<Record<EnvVariable, string | undefined>> = {}): Settings => settingsWith(changes);

/** What a test hub may be started with: a clock the test holds, the indicators subgraph's settings, variables of its own. */
type TestHubOptions = Pick<HubOptions, 'clock' | 'indicatorSettings'> & { env?: Partial<Record<EnvVariable, string>> };

/** The settings of the hub this file started last: what `bearer` and `gatewayIdentity` sign with, as that hub verifies. */
let current: Settings | undefined;
/** The variables each test hub was started with, which a restart of its gateway keeps. */
const startedWith = new WeakMap<Hub, Partial<Record<EnvVariable, string>>>();

/**
 * Starts the hub on free ports, on a database of its own (migrated and seeded), so test
 * files never see each other's figures. DATABASE_URL points at it for the file's checks.
 */
export async function startTestHub({ env, ...options }: TestHubOptions = {}): Promise<Hub> {
  const file = path
    .basename(expect.getState().testPath ?? 'hub', '.test.ts')
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase();
  process.env.DATABASE_URL = await recreateDatabase(
    process.env.TEST_DATABASE_SERVER_URL!,
    `${TEST_DB_PREFIX}_${file}`.slice(0, 63),
  );
  const hub = await startHub({
    settings: testSettings({ DATABASE_URL: process.env.DATABASE_URL, ...env }),
    ports: { gateway: 0, organizations: 0, tasks: 0, indicators: 0 },
    seedIfEmpty: true,
    ...options,
  });
  current = hub.settings;
  startedWith.set(hub, env ?? {});
  return hub;
}

export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/**
 * Restarts a test hub's gateway on its port with the variables it was started with and `env`
 * over them (the hub's settings become those):
 * what an operator does to change the gateway's configuration (it reads it once, at start).
 */
export async function restartGateway(hub: Hub, env: Partial<Record<EnvVariable, string>> = {}): Promise<void> {
  const { port } = hub.gateway;
  await hub.gateway.stop();
  const settings = testSettings({ DATABASE_URL: hub.settings.databaseUrls.indicators, ...startedWith.get(hub), ...env });
  if (current === hub.settings) current = settings;
  hub.settings = settings;
  hub.gateway = await startGateway(settings, {
    port,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, hub.subgraphs[name].url])),
  });
}

/** Runs `check` while one subgraph is stopped, then starts it again on the same port. */
export async function withSubgraphDown<T>(hub: Hub, name: SubgraphName, check: () => Promise<T>): Promise<T> {
  const { port } = hub.subgraphs[name];
  await hub.subgraphs[name].stop();
  try {
    return await check();
  } finally {
    hub.subgraphs[name] = await startSubgraph(subgraphDefinitions[name], hub.settings, {
      port,
      peerUrls: { organizations: hub.subgraphs.organizations.url },
    });
  }
}

/** SQL statements each subgraph sends while `action` runs. */
export async function countStatements(hub: Hub, action: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const before = Object.fromEntries(SUBGRAPHS.map((n) => [n, hub.subgraphs[n].store.statements.count]));
  await action();
  return Object.fromEntries(SUBGRAPHS.map((n) => [n, hub.subgraphs[n].store.statements.count - before[n]])) as Record<
    SubgraphName,
    number
  >;
}

/** GraphQL requests each subgraph receives while `action` runs (the gateway's directory reloads left out). */
export async function countSubgraphRequests(hub: Hub, action: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const count = async (name: SubgraphName) =>
    (await hub.subgraphs[name].metrics.requests.get()).values
      .filter((v) => v.labels.operation !== 'IdentityDirectory')
      .reduce((sum, v) => sum + v.value, 0);
  const before = await Promise.all(SUBGRAPHS.map(count));
  await action();
  const after = await Promise.all(SUBGRAPHS.map(count));
  return Object.fromEntries(SUBGRAPHS.map((n, i) => [n, after[i] - before[i]])) as Record<SubgraphName, number>;
}

/**
 * A bearer header for an organisation acting in roles (tokens signed as `npm run token`
 * signs them, with the token settings of the hub the file started last).
 */
export async function bearer(org: string, roles: Role[], ttlSeconds = 3600): Promise<Record<string, string>> {
  const settings = (current ?? testSettings()).tokens;
  return {
    authorization: `Bearer ${await issueToken(settings, { org, roles, subject: `${org}-${roles.join('+')}@test` }, ttlSeconds)}`,
  };
}

/**
 * A hub on its own database and a client of that database, for a test file's checks of
 * what was written; on the test's clock and with its settings when it gives them.
 */
export function useHubAndDatabase(options: TestHubOptions = {}): { hub: () => Hub; url: () => string; db: () => Client } {
  let hub: Hub;
  let db: Client;
  beforeAll(async () => {
    hub = await startTestHub(options);
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });
  return { hub: () => hub, url: () => hub.gateway.url, db: () => db };
}

/**
 * Notification settings for a test hub: the worker on (the test setup turns it off for
 * every other hub), polling every 0.5 s, retrying after 1 s, reaching receivers on this
 * machine; with `change` over them.
 */
export function testNotifications(change: Partial<NotificationSettings> = {}): NotificationSettings {
  return {
    ...testSettings().indicators.notifications,
    enabled: true,
    pollSeconds: 0.5,
    retryDelaySeconds: 1,
    webhooks: { allowedHosts: ['127.0.0.1'], http: true },
    ...change,
  };
}

/** The settings a test hub's indicators subgraph goes by: a test may change one for the requests that follow. */
export const indicatorSettingsOf = (hub: Hub): IndicatorSettings => hub.subgraphs.indicators.settings as IndicatorSettings;

/** The header a subgraph's /metrics needs: the gateway's forwarded identity, as the gateway signs it. */
export async function gatewayIdentity(): Promise<Record<string, string>> {
  return { [GATEWAY_TOKEN_HEADER]: await signGatewayToken((current ?? testSettings()).keys, null) };
}

/** A service's Prometheus text (a subgraph's read with the gateway's identity). */
export async function metricsText(metricsUrl: string): Promise<string> {
  const res = await fetch(metricsUrl, { headers: await gatewayIdentity() });
  if (res.status !== 200) throw new Error(`${metricsUrl} answered ${res.status}`);
  return res.text();
}
