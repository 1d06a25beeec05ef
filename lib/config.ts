/**
 * The one place that reads the environment: the variables the hub reads, with their
 * meaning (docker-compose.yml sets the same ones: a test checks it), the shape of the
 * settings parsed from them (Settings and its parts), and the environment itself for
 * lib/settings.ts, which parses it once into the settings a process passes down, and for
 * the child processes a command starts.
 */
import path from 'node:path';

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
  MAX_OPEN_JOBS:
    'most files of figures one organisation may have as jobs not yet done (queued, running, or arriving: one that has not grown for two minutes is not counted); one more is refused 429 TOO_MANY_REQUESTS, and GET /figures/bulk lists those it has (default 4)',
  JOB_HEARTBEAT_SECONDS:
    'how often a running job of a file of figures records that it is alive (default 10; at least 0.5); one silent for six times as long (its hub was killed, or lost its database) is queued again and runs from the start; the third time, it fails JOB_ABANDONED',
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
  JOB_POLL_SECONDS:
    'how often the job workers look for jobs and schedules (default 2; at least 0.5); a file of figures pushed as a job is taken when it is queued, once the file before it is done',
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

/** The levels the logs are written at (LOG_LEVEL). */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
 * Sets variables of this process's environment for the processes it starts (an undefined
 * value unsets one): a benchmark's own database, folder, port and log level, which its
 * services, processes of their own, read.
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

/** The process's environment as it is now: what lib/settings.ts reads once, at start. */
export const environment = (): Readonly<Record<string, string | undefined>> => process.env;

/** A variable of the system, not of the hub, that a child process needs to run (its PATH and HOME). */
export const systemVariable = (name: 'PATH' | 'HOME'): string | undefined => process.env[name];

/** The rules of the indicators subgraph that configuration sets. */
export interface IndicatorSettings {
  /** Most figures one push may carry (MAX_PUSH_ROWS). */
  maxPushRows: number;
  /** A file sent to POST /figures/bulk larger than this many bytes runs as a job (BULK_JOB_BYTES). */
  bulkJobBytes: number;
  /** Most jobs of files one organisation may have not yet done (MAX_OPEN_JOBS). */
  maxOpenJobs: number;
  /** How often a running job of a file records that it is alive; silent six times as long, it runs again (JOB_HEARTBEAT_SECONDS). */
  jobHeartbeatSeconds: number;
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

/** A service of the hub: the gateway or a subgraph. */
type Service = 'gateway' | SubgraphName;

/** The OpenID Connect provider people sign in with on /report. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
  orgClaim: string;
  rolesClaim: string;
}

/** How callers' tokens are issued and verified. */
export interface TokenSettings {
  /** The issuer the hub's own tokens carry (JWT_ISSUER). */
  issuer: string;
  /** Longest lifetime of a token, in days (MAX_TOKEN_DAYS). */
  maxTokenDays: number;
  /** RS256 keys from a JWKS endpoint (JWKS_URL), or a PEM public key (JWT_PUBLIC_KEY); else HS256. */
  jwksUrl?: string;
  jwtPublicKey?: string;
  /** The HS256 secret (JWT_SECRET, or SECRETS_FILE's outside production). */
  jwtSecret(): string;
  oidc: OidcSettings | null;
}

/** Limits on a query document, checked by the gateway before it plans (MAX_QUERY_*, MAX_ALIASES …). */
export interface QueryLimits {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxQueryTokens: number;
  maxFieldRepeats: number;
}

/** What every HTTP service goes by (lib/server.ts). */
export interface HttpSettings {
  maxBodyBytes: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  /** /metrics on an interface and port of its own (METRICS_HOST, METRICS_PORT_OFFSET); null: on the service's port. */
  metrics: { host: string; portOffset: number } | null;
}

/** The gateway's own settings. */
export interface GatewaySettings {
  readsRequireToken: boolean;
  subgraphTimeoutMs: number;
  subgraphDedup: boolean;
  identityRefreshSeconds: number;
  maxUploadRows: number;
  maxPushRows: number;
  dashboardRefreshSeconds: number;
  /** The hub's origin as browsers reach it, no trailing slash. */
  publicUrl: string;
  kpiFigures: FigureRule;
  limits: QueryLimits;
}

/** The keys the gateway signs forwarded identities with and the subgraphs verify them with. */
export interface IdentityKeys {
  gatewayPrivateKey(): string;
  /** Undefined: derive it from the private key. */
  gatewayPublicKey(): string | undefined;
}

export interface Settings {
  production: boolean;
  host: string;
  ports: Record<Service, number>;
  /** Where the gateway and the subgraphs reach each subgraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Each subgraph's database (its own setting, else DATABASE_URL); undefined: the embedded one. */
  databaseUrls: Record<SubgraphName, string | undefined>;
  poolSize: number;
  embedded: { dir: string; port: number; password(): string };
  seedOnStart: boolean;
  logLevel: LogLevel;
  secretsFile: string;
  http: HttpSettings;
  gateway: GatewaySettings;
  tokens: TokenSettings;
  keys: IdentityKeys;
  oidc: OidcSettings | null;
  indicators: IndicatorSettings;
  /** What the command-line tools talk to (IPZONE_URL, IPZONE_TOKEN). */
  client: { url: string; token?: string };
}
