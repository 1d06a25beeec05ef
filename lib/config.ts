/**
 * The one place that reads the environment. Every service, script and test takes its
 * settings from here; docker-compose.yml sets the same variables (a test checks it).
 */
import path from 'node:path';
import { localSecrets } from './secrets';

export type SubgraphName = 'organizations' | 'tasks' | 'indicators';
export const SUBGRAPHS: readonly SubgraphName[] = ['organizations', 'tasks', 'indicators'];

/** PostgreSQL schema each subgraph owns. */
export const DB_SCHEMAS: Record<SubgraphName, string> = {
  organizations: 'org',
  tasks: 'tasks',
  indicators: 'indicators',
};

/** Every environment variable the hub reads, with its meaning. */
export const ENV_VARIABLES = {
  DATABASE_URL: 'PostgreSQL URL shared by the subgraphs; unset → embedded PostgreSQL',
  ORGANIZATIONS_DATABASE_URL: 'PostgreSQL URL of the organizations subgraph (default DATABASE_URL)',
  TASKS_DATABASE_URL: 'PostgreSQL URL of the tasks subgraph (default DATABASE_URL)',
  INDICATORS_DATABASE_URL: 'PostgreSQL URL of the indicators subgraph (default DATABASE_URL)',
  DB_POOL_SIZE: 'connections per subgraph pool (default 10)',
  HOST: 'interface the services listen on (default 127.0.0.1)',
  GATEWAY_PORT: 'gateway port (default 4000)',
  ORGANIZATIONS_PORT: 'organizations subgraph port (default 4001)',
  TASKS_PORT: 'tasks subgraph port (default 4002)',
  INDICATORS_PORT: 'indicators subgraph port (default 4003)',
  ORGANIZATIONS_URL: 'URL the gateway calls for the organizations subgraph',
  TASKS_URL: 'URL the gateway calls for the tasks subgraph',
  INDICATORS_URL: 'URL the gateway calls for the indicators subgraph',
  EMBEDDED_PG_DIR: 'data folder of the embedded PostgreSQL (default .data/postgres)',
  EMBEDDED_PG_PORT: 'port of the embedded PostgreSQL (default 54329)',
  SEED: 'seed the plan on start when the database is empty: "true" (default) or "false"',
  JWT_SECRET: "HS256 secret that signs callers' tokens (generated into SECRETS_FILE when unset; required in production)",
  JWT_PUBLIC_KEY: "PEM public key: verify callers' tokens with RS256 instead of JWT_SECRET",
  JWKS_URL: "JWKS endpoint: verify callers' tokens with RS256 keys from it instead of JWT_SECRET",
  JWT_ISSUER: 'issuer callers\' tokens must carry (default "ipzone-hub")',
  MAX_TOKEN_DAYS: "longest lifetime (exp − iat) of a caller's token, in days (default 90)",
  IDENTITY_REFRESH_SECONDS: "seconds between the gateway's refreshes of known organisations and revoked tokens (default 5)",
  GATEWAY_PRIVATE_KEY:
    'Ed25519 private key (PEM or JWK) the gateway signs forwarded identities with (generated into SECRETS_FILE when unset; required in production)',
  GATEWAY_PUBLIC_KEY:
    "Ed25519 public key (PEM or JWK) the subgraphs verify the gateway's identities with (default: from GATEWAY_PRIVATE_KEY or SECRETS_FILE)",
  SECRETS_FILE: 'file (mode 0600) of the secrets the hub makes for itself when they are not set (default .data/secrets.json)',
  READS_REQUIRE_TOKEN: '"true": queries need a token too (default: reads are open)',
  MAX_PUSH_ROWS: 'most figures one push may carry (default 5000)',
  MAX_UPLOAD_ROWS:
    'most rows (after the header) a file sent to /report/upload.xlsx or /report/upload.csv may have; larger files go through `ipzone import` (default 50000)',
  BULK_JOB_BYTES:
    'a file sent to POST /figures/bulk larger than this many bytes (or of no stated length) runs as a job whose progress GET /figures/bulk/:id answers (default 8388608)',
  MAX_QUERY_DEPTH: 'deepest selection a query may nest (default 20)',
  MAX_QUERY_COST: 'largest query cost: fields weighted by the lists above them (default 50000)',
  MAX_ALIASES: 'most aliases one query may use (default 40)',
  MAX_DIRECTIVES: 'most directives one query may use (default 20)',
  MAX_QUERY_TOKENS: 'most tokens (names, punctuation, values) a query document may have; checked while parsing (default 1000)',
  MAX_FIELD_REPEATS: 'most times one field may be selected at the same place of a query, fragments included (default 20)',
  MAX_BODY_BYTES: 'largest request body in bytes (default 4194304)',
  REQUEST_TIMEOUT_MS: 'longest time a request may take before it answers REQUEST_TIMEOUT (default 30000)',
  HEADERS_TIMEOUT_MS:
    "longest time a client may take to send a request's headers before its connection is closed (default 10000)",
  SUBGRAPH_TIMEOUT_MS:
    "longest wait for a subgraph's answer (its headers, then each part of its body) before its fields answer SUBGRAPH_UNAVAILABLE (default 20000)",
  SUBGRAPH_DEDUP:
    '"false": the gateway sends every subgraph query itself (default: identical queries in flight for the same identity share one request)',
  METRICS_HOST: 'serve /metrics on this interface only, on a port of its own (service port + METRICS_PORT_OFFSET)',
  METRICS_PORT_OFFSET: 'with METRICS_HOST: what is added to a service port for its metrics port (default 1000)',
  PLAUSIBILITY_FACTOR: 'a figure more than this many times above or below the previous period lands with a warning (default 3)',
  IPZONE_URL: 'gateway URL that `ipzone token`, `import`, `export` and `demo` talk to (default http://127.0.0.1:4000/graphql)',
  IPZONE_TOKEN: 'token `ipzone import` and `ipzone export` send when no --token-file is given',
  NODE_ENV: '"production" turns off introspection and the explorer',
  LOG_LEVEL: '"debug", "info" (default), "warn" or "error"',
  ENTRY_CLOSE_DAYS:
    "days after a period's due date that reporters may still write it; later writes need an exception (unset: no entry windows)",
  ENTRY_OPEN_OFFSET_DAYS:
    "with ENTRY_CLOSE_DAYS: days after a period's start that it opens for reporting (default 0; negative opens it earlier)",
  NOTIFICATIONS: '"false": the indicators subgraph starts no notification worker (default: it does)',
  REMINDER_DUE_DAYS: 'a report due within this many days is announced as REPORT_DUE_SOON (default 7)',
  REMINDER_OVERDUE_DAYS: 'reports that became overdue within this many days are announced as REPORT_OVERDUE (default 30)',
  REMINDER_SCAN_CRON: 'when the due-soon, overdue and KPI scan runs (cron, UTC; default "0 7 * * *")',
  DIGEST_CRON: 'when the coordinator\'s weekly digest is written (cron, UTC; default "0 8 * * 1", Mondays 08:00)',
  WEBHOOK_RETRY_LIMIT: 'retries of a webhook or e-mail delivery that failed (default 8), then it is given up',
  WEBHOOK_RETRY_DELAY_SECONDS: 'the first retry delay, doubled at each retry with jitter (default 30)',
  JOB_POLL_SECONDS: 'how often the notification worker looks for jobs and schedules (default 2; at least 0.5)',
  WEBHOOK_ALLOWED_HOSTS:
    'comma-separated host names or addresses webhooks may reach even though they are inside (loopback, private …); default none',
  SMTP_URL: 'SMTP server e-mail reminders are sent through, e.g. smtp://user:pass@mail.example:587 (unset: no e-mail)',
  MAIL_FROM: 'sender of e-mail reminders (default "ipzone-hub <noreply@localhost>")',
  KPI_FIGURES:
    'which figures KPIs, the scoreboard and exports count: "ALL" (default: every figure as pushed) or "ACCEPTED" (only those of submissions the coordinator accepted)',
  DASHBOARD_REFRESH_SECONDS: "seconds between the dashboard's refreshes at /dashboard (default 30; 0 turns them off)",
  OIDC_ISSUER:
    'OpenID Connect provider people sign in with on /report (its issuer URL); the gateway accepts the ID tokens it signs (RS256, keys from its JWKS)',
  OIDC_CLIENT_ID: 'client id of the reporting page at the OIDC_ISSUER provider (a public client: authorization code with PKCE)',
  OIDC_SCOPES:
    'the scopes the reporting page asks the OIDC_ISSUER provider for, separated by spaces (default "openid"; add the scope under which the provider releases the organisation and roles claims)',
  OIDC_ORG_CLAIM: 'the ID token claim that names the organisation (its id, e.g. "court"; default "org")',
  OIDC_ROLES_CLAIM: 'the ID token claim that lists the roles (default "roles")',
  PUBLIC_URL:
    "the hub's origin as people's browsers reach it, e.g. https://ipzone.example.org (default http://localhost:GATEWAY_PORT; required in production with OIDC_ISSUER): the sign-in provider sends people back to PUBLIC_URL/report, never to the Host a request names",
} as const;
export type EnvVariable = keyof typeof ENV_VARIABLES;

/** Which figures count in KPIs: every figure as pushed, or only those of accepted submissions. */
export const FIGURE_RULES = ['ALL', 'ACCEPTED'] as const;
export type FigureRule = (typeof FIGURE_RULES)[number];

export const DEFAULT_PORTS: Record<'gateway' | SubgraphName, number> = {
  gateway: 4000,
  organizations: 4001,
  tasks: 4002,
  indicators: 4003,
};

/** The project folder: this file is lib/config.ts, or dist/lib/config.js once compiled. */
export const PROJECT_ROOT = path.resolve(__dirname, path.basename(path.dirname(__dirname)) === 'dist' ? '../..' : '..');

/**
 * The environment a child process starts with: this process's own (the hub's variables and
 * the system's), with `extra` over it (an undefined value leaves the variable out).
 */
export function childEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [name, value] of Object.entries(extra)) if (value === undefined) delete merged[name];
  return merged;
}

/**
 * Sets variables of this process's environment for what it starts or reads later (an
 * undefined value unsets one): the embedded database's URL once it runs, a benchmark's own
 * folder and port.
 */
export function setEnvironment(
  values: Partial<Record<EnvVariable, string | undefined>>,
  options: { unlessSet?: boolean } = {},
): void {
  for (const [name, value] of Object.entries(values)) {
    if (options.unlessSet && process.env[name] !== undefined) continue;
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/** A variable of the system, not of the hub, that a child process needs to run (its PATH and HOME). */
export const systemVariable = (name: 'PATH' | 'HOME'): string | undefined => process.env[name];

function env(name: EnvVariable): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A whole number of at least `min` (0 unless said: counts, sizes, durations). */
function intEnv(name: EnvVariable, fallback: number, min = 0): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

const PORT_VARIABLE: Record<'gateway' | SubgraphName, EnvVariable> = {
  gateway: 'GATEWAY_PORT',
  organizations: 'ORGANIZATIONS_PORT',
  tasks: 'TASKS_PORT',
  indicators: 'INDICATORS_PORT',
};
const URL_VARIABLE: Record<SubgraphName, EnvVariable> = {
  organizations: 'ORGANIZATIONS_URL',
  tasks: 'TASKS_URL',
  indicators: 'INDICATORS_URL',
};
const DATABASE_VARIABLE: Record<SubgraphName, EnvVariable> = {
  organizations: 'ORGANIZATIONS_DATABASE_URL',
  tasks: 'TASKS_DATABASE_URL',
  indicators: 'INDICATORS_DATABASE_URL',
};

const secretsFile = (): string => path.resolve(PROJECT_ROOT, env('SECRETS_FILE') ?? '.data/secrets.json');

/** Outside production, a secret left unset is made at random and kept in SECRETS_FILE; production needs it set. */
function secret(name: 'JWT_SECRET' | 'GATEWAY_PRIVATE_KEY', local: 'jwtSecret' | 'gatewayPrivateKey'): string {
  const value = env(name);
  if (env('NODE_ENV') !== 'production') return value ?? localSecrets(secretsFile())[local];
  if (!value || value.length < 32 || /change-me|dev-only/i.test(value)) {
    throw new Error(`${name} must be set to a secret of at least 32 characters in production`);
  }
  return value;
}

/** The rules of the indicators subgraph that configuration sets. */
export interface IndicatorSettings {
  /** Most figures one push may carry (MAX_PUSH_ROWS). */
  maxPushRows: number;
  /** A file sent to POST /figures/bulk larger than this many bytes runs as a job (BULK_JOB_BYTES). */
  bulkJobBytes: number;
  /** A figure this many times above or below the previous period lands with a warning (PLAUSIBILITY_FACTOR). */
  plausibilityFactor: number;
  /** When reporters may write a period (ENTRY_CLOSE_DAYS, ENTRY_OPEN_OFFSET_DAYS); null: always. */
  entryWindows: { openOffsetDays: number; closeDays: number } | null;
  /** The figures KPIs count when a query does not say (KPI_FIGURES). */
  kpiFigures: FigureRule;
  /** Reports announced as due soon within `dueDays`, as overdue for `overdueDays` (REMINDER_DUE_DAYS, REMINDER_OVERDUE_DAYS). */
  reminders: { dueDays: number; overdueDays: number };
  notifications: NotificationSettings;
}

/** The indicators subgraph's notification worker and deliveries. */
export interface NotificationSettings {
  /** Whether the worker runs (NOTIFICATIONS). */
  enabled: boolean;
  /** How often job workers look for jobs (JOB_POLL_SECONDS). */
  pollSeconds: number;
  /** When the scans and the digest run (REMINDER_SCAN_CRON, DIGEST_CRON). */
  scanCron: string;
  digestCron: string;
  /** Retries of a failed delivery, the first after `retryDelaySeconds` (WEBHOOK_RETRY_LIMIT, WEBHOOK_RETRY_DELAY_SECONDS). */
  retryLimit: number;
  retryDelaySeconds: number;
  webhooks: {
    /** Hosts webhooks may reach though they are inside (WEBHOOK_ALLOWED_HOSTS). */
    allowedHosts: string[];
    /** Whether plain http is allowed: outside production only. */
    http: boolean;
  };
  /** E-mail, when SMTP_URL is set (MAIL_FROM). */
  mail: { smtpUrl: string; from: string } | null;
}

function notificationSettings(): NotificationSettings {
  const smtpUrl = env('SMTP_URL');
  return {
    enabled: config.notifications(),
    pollSeconds: Math.max(0.5, Number(env('JOB_POLL_SECONDS') ?? 2) || 2),
    scanCron: env('REMINDER_SCAN_CRON') ?? '0 7 * * *',
    digestCron: env('DIGEST_CRON') ?? '0 8 * * 1',
    retryLimit: intEnv('WEBHOOK_RETRY_LIMIT', 8),
    retryDelaySeconds: intEnv('WEBHOOK_RETRY_DELAY_SECONDS', 30),
    webhooks: {
      allowedHosts: (env('WEBHOOK_ALLOWED_HOSTS') ?? '')
        .split(',')
        .map((h) =>
          h
            .trim()
            .replace(/^\[(.*)\]$/, '$1')
            .toLowerCase(),
        )
        .filter(Boolean),
      http: !config.production(),
    },
    mail: smtpUrl ? { smtpUrl, from: env('MAIL_FROM') ?? 'ipzone-hub <noreply@localhost>' } : null,
  };
}

function plausibilityFactor(): number {
  const value = Number(env('PLAUSIBILITY_FACTOR') ?? 3);
  if (!(value > 1)) throw new Error('PLAUSIBILITY_FACTOR must be a number above 1');
  return value;
}

export const config = {
  host: (): string => env('HOST') ?? '127.0.0.1',
  port: (service: 'gateway' | SubgraphName): number => intEnv(PORT_VARIABLE[service], DEFAULT_PORTS[service]),
  /** Where the gateway reaches a subgraph. */
  subgraphUrl: (name: SubgraphName): string => env(URL_VARIABLE[name]) ?? `http://127.0.0.1:${config.port(name)}/graphql`,
  /** The shared database URL, if one is configured. */
  databaseUrl: (): string | undefined => env('DATABASE_URL'),
  /** A subgraph's own database URL (its own setting, else the shared one). */
  subgraphDatabaseUrl: (name: SubgraphName): string | undefined => env(DATABASE_VARIABLE[name]) ?? env('DATABASE_URL'),
  /** True when no subgraph has a database configured: start the embedded one. */
  needsEmbeddedDatabase: (): boolean => SUBGRAPHS.every((name) => config.subgraphDatabaseUrl(name) === undefined),
  poolSize: (): number => intEnv('DB_POOL_SIZE', 10),
  embeddedDir: (): string => path.resolve(PROJECT_ROOT, env('EMBEDDED_PG_DIR') ?? '.data/postgres'),
  embeddedPort: (): number => intEnv('EMBEDDED_PG_PORT', 54329),
  seedOnStart: (): boolean => (env('SEED') ?? 'true') !== 'false',
  production: (): boolean => env('NODE_ENV') === 'production',
  logLevel: (): string => env('LOG_LEVEL') ?? 'info',
  maxPushRows: (): number => intEnv('MAX_PUSH_ROWS', 5000),
  maxUploadRows: (): number => intEnv('MAX_UPLOAD_ROWS', 50_000, 1),
  maxQueryDepth: (): number => intEnv('MAX_QUERY_DEPTH', 20),
  maxQueryCost: (): number => intEnv('MAX_QUERY_COST', 50_000),
  maxAliases: (): number => intEnv('MAX_ALIASES', 40),
  maxDirectives: (): number => intEnv('MAX_DIRECTIVES', 20),
  maxQueryTokens: (): number => intEnv('MAX_QUERY_TOKENS', 1000),
  maxFieldRepeats: (): number => intEnv('MAX_FIELD_REPEATS', 20),
  maxBodyBytes: (): number => intEnv('MAX_BODY_BYTES', 4 * 1024 * 1024),
  requestTimeoutMs: (): number => intEnv('REQUEST_TIMEOUT_MS', 30_000),
  headersTimeoutMs: (): number => intEnv('HEADERS_TIMEOUT_MS', 10_000),
  subgraphTimeoutMs: (): number => Math.max(1, intEnv('SUBGRAPH_TIMEOUT_MS', 20_000)),
  subgraphDedup: (): boolean => env('SUBGRAPH_DEDUP') !== 'false',
  /**
   * Where a service serves /metrics when not on its own port: METRICS_HOST and the service
   * port + METRICS_PORT_OFFSET (a service on a free port gets a free metrics port).
   */
  metricsBind: (servicePort: number): { host: string; port: number } | undefined => {
    const host = env('METRICS_HOST');
    return host === undefined
      ? undefined
      : { host, port: servicePort === 0 ? 0 : servicePort + intEnv('METRICS_PORT_OFFSET', 1000) };
  },
  jwtSecret: (): string => secret('JWT_SECRET', 'jwtSecret'),
  /** Only the gateway signs forwarded identities: subgraphs never ask for this. */
  gatewayPrivateKey: (): string => secret('GATEWAY_PRIVATE_KEY', 'gatewayPrivateKey'),
  /** What subgraphs verify forwarded identities with; undefined: derive it from the private key. */
  gatewayPublicKey: (): string | undefined => {
    const value = env('GATEWAY_PUBLIC_KEY');
    if (value !== undefined || env('GATEWAY_PRIVATE_KEY') !== undefined) return value;
    if (config.production()) throw new Error("GATEWAY_PUBLIC_KEY must be set in production (the gateway's public key)");
    return localSecrets(secretsFile()).gatewayPublicKey;
  },
  secretsFile,
  /** Password of the embedded PostgreSQL, kept in SECRETS_FILE. */
  embeddedPassword: (): string => localSecrets(secretsFile()).postgresPassword,
  maxTokenDays: (): number => {
    const days = intEnv('MAX_TOKEN_DAYS', 90);
    if (days < 1) throw new Error('MAX_TOKEN_DAYS must be at least 1');
    return days;
  },
  identityRefreshSeconds: (): number => Math.max(1, intEnv('IDENTITY_REFRESH_SECONDS', 5)),
  jwtPublicKey: (): string | undefined => env('JWT_PUBLIC_KEY'),
  jwksUrl: (): string | undefined => env('JWKS_URL'),
  clientUrl: (): string => env('IPZONE_URL') ?? `http://127.0.0.1:${config.port('gateway')}/graphql`,
  clientToken: (): string | undefined => env('IPZONE_TOKEN'),
  readsRequireToken: (): boolean => env('READS_REQUIRE_TOKEN') === 'true',
  jwtIssuer: (): string => env('JWT_ISSUER') ?? 'ipzone-hub',
  notifications: (): boolean => env('NOTIFICATIONS') !== 'false',
  /** The figures KPIs count when a query does not say (KPI_FIGURES); ALL by default. */
  kpiFigures: (): FigureRule => {
    const value = (env('KPI_FIGURES') ?? 'ALL').toUpperCase();
    if (!FIGURE_RULES.includes(value as FigureRule)) throw new Error(`KPI_FIGURES must be ALL or ACCEPTED, got "${value}"`);
    return value as FigureRule;
  },
  /** The indicators subgraph's settings, read once when it starts (lib/subgraph.ts) and passed to its services. */
  indicators: (): IndicatorSettings => ({
    maxPushRows: config.maxPushRows(),
    bulkJobBytes: intEnv('BULK_JOB_BYTES', 8 * 1024 * 1024),
    plausibilityFactor: plausibilityFactor(),
    entryWindows:
      env('ENTRY_CLOSE_DAYS') === undefined
        ? null
        : { openOffsetDays: intEnv('ENTRY_OPEN_OFFSET_DAYS', 0, -Infinity), closeDays: intEnv('ENTRY_CLOSE_DAYS', 0) },
    kpiFigures: config.kpiFigures(),
    reminders: { dueDays: intEnv('REMINDER_DUE_DAYS', 7), overdueDays: intEnv('REMINDER_OVERDUE_DAYS', 30) },
    notifications: notificationSettings(),
  }),
  /** Seconds between the dashboard page's refreshes; 0: no automatic refresh. */
  dashboardRefreshSeconds: (): number => intEnv('DASHBOARD_REFRESH_SECONDS', 30),
  /** The hub's origin as browsers reach it (no trailing slash): absolute links start with it, never with a request's Host. */
  publicUrl: (): string => new URL(env('PUBLIC_URL') ?? `http://localhost:${config.port('gateway')}`).origin,
  /** The OpenID Connect provider of /report, when one is configured (both set). */
  oidc: (): { issuer: string; clientId: string; scopes: string; orgClaim: string; rolesClaim: string } | null => {
    const issuer = env('OIDC_ISSUER');
    const clientId = env('OIDC_CLIENT_ID');
    if (!issuer && !clientId) return null;
    if (!issuer || !clientId) throw new Error('OIDC_ISSUER and OIDC_CLIENT_ID are set together');
    return {
      issuer,
      clientId,
      scopes: (env('OIDC_SCOPES') ?? 'openid').trim().split(/\s+/).join(' '),
      orgClaim: env('OIDC_ORG_CLAIM') ?? 'org',
      rolesClaim: env('OIDC_ROLES_CLAIM') ?? 'roles',
    };
  },
};
