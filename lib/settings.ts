/**
 * The hub's settings, parsed once: `readSettings` takes the environment a process started
 * with, checks every variable against its rule (lib/config-check.ts; all problems reported
 * together), and returns one object of typed values. An entry point (serve, start,
 * a command, a test's hub) reads it once and passes it down; no module reads the
 * environment for itself. Secrets left unset outside production are read from SECRETS_FILE
 * when first asked for (a command that needs none makes no file).
 */
import path from 'node:path';
import {
  DEFAULT_PORTS,
  type OidcSettings,
  type Settings,
  type EnvVariable,
  environment,
  type FigureRule,
  type LogLevel,
  type NotificationSettings,
  PROJECT_ROOT,
  SUBGRAPHS,
  type SubgraphName,
} from './config';
import { configProblems, configurationProblems, type Part } from './config-check';
import { setLogLevel } from './log';
import { localSecrets } from './secrets';

export type { GatewaySettings, HttpSettings, IdentityKeys, OidcSettings, QueryLimits, Settings, TokenSettings } from './config';

/** The configuration cannot be read: every problem, one a line. */
class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

type Source = Readonly<Record<string, string | undefined>>;

/** Reads the settings from `source` (the process's environment unless given): once, at start. */
export function readSettings(source: Source = environment()): Settings {
  const snapshot: Source = Object.freeze({ ...source });
  const problems = configProblems({ env: snapshot, runs: [] });
  if (problems.length > 0) throw new ConfigurationError(problems);
  return parsed(snapshot);
}

/** The settings of an environment whose every variable its rule has passed. */
function parsed(snapshot: Source): Settings {
  const text = (name: EnvVariable): string | undefined => (snapshot[name] === '' ? undefined : snapshot[name]);
  // The rules have checked every value: a number is a number within its bounds.
  const int = (name: EnvVariable, fallback: number): number => {
    const raw = text(name);
    return raw === undefined ? fallback : Number(raw);
  };
  const production = text('NODE_ENV') === 'production';
  const secretsFile = path.resolve(PROJECT_ROOT, text('SECRETS_FILE') ?? '.data/secrets.json');
  const secret = (name: 'JWT_SECRET' | 'GATEWAY_PRIVATE_KEY', local: 'jwtSecret' | 'gatewayPrivateKey') => (): string => {
    const value = text(name);
    if (!production) return value ?? localSecrets(secretsFile)[local];
    // A value set has passed its rule (length, no placeholder); production makes none up.
    if (!value) throw new Error(`${name} must be set to a secret of at least 32 characters in production`);
    return value;
  };
  const ports = {
    gateway: int('GATEWAY_PORT', DEFAULT_PORTS.gateway),
    organizations: int('ORGANIZATIONS_PORT', DEFAULT_PORTS.organizations),
    tasks: int('TASKS_PORT', DEFAULT_PORTS.tasks),
    indicators: int('INDICATORS_PORT', DEFAULT_PORTS.indicators),
  };
  const perSubgraph = <T>(value: (name: SubgraphName, upper: string) => T) =>
    Object.fromEntries(SUBGRAPHS.map((name) => [name, value(name, name.toUpperCase())])) as Record<SubgraphName, T>;
  const oidc = oidcSettings(text);
  const maxPushRows = int('MAX_PUSH_ROWS', 5000);
  const kpiFigures = (text('KPI_FIGURES') ?? 'ALL').toUpperCase() as FigureRule; // the rule ignores case
  const metricsHost = text('METRICS_HOST');
  const settings: Settings = {
    production,
    host: text('HOST') ?? '127.0.0.1',
    ports,
    subgraphUrls: perSubgraph((name, upper) => text(`${upper}_URL` as EnvVariable) ?? `http://127.0.0.1:${ports[name]}/graphql`),
    databaseUrls: perSubgraph((_, upper) => text(`${upper}_DATABASE_URL` as EnvVariable) ?? text('DATABASE_URL')),
    poolSize: int('DB_POOL_SIZE', 10),
    embedded: {
      dir: path.resolve(PROJECT_ROOT, text('EMBEDDED_PG_DIR') ?? '.data/postgres'),
      port: int('EMBEDDED_PG_PORT', 54329),
      password: () => localSecrets(secretsFile).postgresPassword,
    },
    seedOnStart: text('SEED') !== 'false',
    logLevel: (text('LOG_LEVEL') ?? 'info') as LogLevel,
    secretsFile,
    http: {
      maxBodyBytes: int('MAX_BODY_BYTES', 4 * 1024 * 1024),
      requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000),
      headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10_000),
      metrics: metricsHost === undefined ? null : { host: metricsHost, portOffset: int('METRICS_PORT_OFFSET', 1000) },
    },
    gateway: {
      readsRequireToken: text('READS_REQUIRE_TOKEN') === 'true',
      subgraphTimeoutMs: int('SUBGRAPH_TIMEOUT_MS', 20_000),
      subgraphDedup: text('SUBGRAPH_DEDUP') !== 'false',
      identityRefreshSeconds: int('IDENTITY_REFRESH_SECONDS', 5),
      maxUploadRows: int('MAX_UPLOAD_ROWS', 50_000),
      maxPushRows,
      dashboardRefreshSeconds: int('DASHBOARD_REFRESH_SECONDS', 30),
      publicUrl: new URL(text('PUBLIC_URL') ?? `http://localhost:${ports.gateway}`).origin,
      kpiFigures,
      limits: {
        maxQueryDepth: int('MAX_QUERY_DEPTH', 20),
        maxQueryCost: int('MAX_QUERY_COST', 50_000),
        maxAliases: int('MAX_ALIASES', 40),
        maxDirectives: int('MAX_DIRECTIVES', 20),
        maxQueryTokens: int('MAX_QUERY_TOKENS', 1000),
        maxFieldRepeats: int('MAX_FIELD_REPEATS', 20),
      },
    },
    tokens: {
      issuer: text('JWT_ISSUER') ?? 'ipzone-hub',
      maxTokenDays: int('MAX_TOKEN_DAYS', 90),
      jwksUrl: text('JWKS_URL'),
      jwtPublicKey: text('JWT_PUBLIC_KEY'),
      jwtSecret: once(secret('JWT_SECRET', 'jwtSecret')),
      oidc,
    },
    keys: {
      gatewayPrivateKey: once(secret('GATEWAY_PRIVATE_KEY', 'gatewayPrivateKey')),
      gatewayPublicKey: once(() => {
        const value = text('GATEWAY_PUBLIC_KEY');
        if (value !== undefined || text('GATEWAY_PRIVATE_KEY') !== undefined) return value;
        if (production) throw new Error("GATEWAY_PUBLIC_KEY must be set in production (the gateway's public key)");
        return localSecrets(secretsFile).gatewayPublicKey;
      }),
    },
    oidc,
    indicators: {
      maxPushRows,
      bulkJobBytes: int('BULK_JOB_BYTES', 8 * 1024 * 1024),
      maxOpenJobs: int('MAX_OPEN_JOBS', 4),
      jobHeartbeatSeconds: int('JOB_HEARTBEAT_SECONDS', 10),
      plausibilityFactor: Number(text('PLAUSIBILITY_FACTOR') ?? 3),
      entryWindows:
        text('ENTRY_CLOSE_DAYS') === undefined
          ? null
          : { openOffsetDays: int('ENTRY_OPEN_OFFSET_DAYS', 0), closeDays: int('ENTRY_CLOSE_DAYS', 0) },
      kpiFigures,
      reminders: { dueDays: int('REMINDER_DUE_DAYS', 7), overdueDays: int('REMINDER_OVERDUE_DAYS', 30) },
      notifications: notificationSettings(text, int, production),
    },
    client: { url: text('IPZONE_URL') ?? `http://127.0.0.1:${ports.gateway}/graphql`, token: text('IPZONE_TOKEN') },
  };
  return Object.freeze(settings);
}

/**
 * The settings of a command about to start what `runs`: every problem of the
 * configuration is written to stderr together and the process exits with 1 (nothing
 * started); else the settings, read once, and the process's log level set from them.
 */
export async function startupSettings(runs: Part[]): Promise<Settings> {
  const env: Source = Object.freeze({ ...environment() });
  const problems = await configurationProblems({ runs, env });
  if (problems.length === 0) {
    const settings = parsed(env); // checked just now, with the database's problems too
    setLogLevel(settings.logLevel); // the process logs at its level from its first line on
    return settings;
  }
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  process.stderr.write(
    `ipzone: the configuration has ${count}; nothing was started:\n${problems.map((p) => `  - ${p}\n`).join('')}`,
  );
  process.exit(1);
}

/** Settings with other values for some variables (a test's hub, a benchmark's services): read afresh, as a start would. */
export function settingsWith(changes: Partial<Record<EnvVariable, string | undefined>>, base: Source = environment()): Settings {
  const source: Record<string, string | undefined> = { ...base, ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete source[name];
  return readSettings(source);
}

/** True when no subgraph has a database configured: start the embedded one. */
export const needsEmbeddedDatabase = (settings: Settings): boolean =>
  SUBGRAPHS.every((name) => settings.databaseUrls[name] === undefined);

/** The same settings with every subgraph on `url` (the embedded database, once it runs). */
export function withDatabase(settings: Settings, url: string): Settings {
  const databaseUrls = Object.fromEntries(SUBGRAPHS.map((name) => [name, settings.databaseUrls[name] ?? url]));
  return Object.freeze({ ...settings, databaseUrls: Object.freeze(databaseUrls) }) as Settings;
}

function oidcSettings(text: (name: EnvVariable) => string | undefined): OidcSettings | null {
  const issuer = text('OIDC_ISSUER');
  const clientId = text('OIDC_CLIENT_ID');
  if (!issuer || !clientId) return null; // the rules refuse one without the other
  return {
    issuer,
    clientId,
    scopes: (text('OIDC_SCOPES') ?? 'openid').trim().split(/\s+/).join(' '),
    orgClaim: text('OIDC_ORG_CLAIM') ?? 'org',
    rolesClaim: text('OIDC_ROLES_CLAIM') ?? 'roles',
  };
}

function notificationSettings(
  text: (name: EnvVariable) => string | undefined,
  int: (name: EnvVariable, fallback: number) => number,
  production: boolean,
): NotificationSettings {
  const smtpUrl = text('SMTP_URL');
  return {
    enabled: text('NOTIFICATIONS') !== 'false',
    pollSeconds: int('JOB_POLL_SECONDS', 2),
    scanCron: text('REMINDER_SCAN_CRON') ?? '0 7 * * *',
    digestCron: text('DIGEST_CRON') ?? '0 8 * * 1',
    retryLimit: int('WEBHOOK_RETRY_LIMIT', 8),
    retryDelaySeconds: int('WEBHOOK_RETRY_DELAY_SECONDS', 30),
    webhooks: {
      allowedHosts: (text('WEBHOOK_ALLOWED_HOSTS') ?? '')
        .split(',')
        .map((host) =>
          host
            .trim()
            .replace(/^\[(.*)\]$/, '$1')
            .toLowerCase(),
        )
        .filter(Boolean),
      http: !production,
    },
    mail: smtpUrl ? { smtpUrl, from: text('MAIL_FROM') ?? 'ipzone-hub <noreply@localhost>' } : null,
  };
}

/** A function that computes its value the first time it is called. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
