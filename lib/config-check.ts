/**
 * The configuration checked before anything starts: one rule for every environment
 * variable of lib/config.ts (the table below: TypeScript refuses a variable without one),
 * every problem reported together, naming the variable and what is wrong with it. In
 * production the secrets the process needs must be set, and the databases it is given
 * must exist (they are created by `ipzone db create`, never by a start).
 *
 * To add a variable: describe it in ENV_VARIABLES (lib/config.ts) and give it a rule
 * here, made of the kinds in lib/config-rules.ts (int, port, url, flag, oneOf, secret,
 * key, cron, text…; requiredWhen and also add conditions).
 */
import { ENV_VARIABLES, type EnvVariable, FIGURE_RULES, LOG_LEVELS, SUBGRAPHS } from './config';
import {
  also,
  type CheckContext,
  cron,
  databaseUrl,
  decimal,
  flag,
  int,
  key,
  oneOf,
  type Part,
  port,
  publicHalf,
  publicPart,
  quoted,
  requiredWhen,
  type Rule,
  secret,
  setting,
  text,
  url,
} from './config-rules';

export type { Part } from './config-rules';

const inProduction =
  (parts: Part[], why: string, unless: EnvVariable[] = []) =>
  (context: CheckContext): string | undefined =>
    context.production && parts.some((part) => context.runs.has(part)) && unless.every((name) => !setting(context, name))
      ? why
      : undefined;

const web = (options: { sensitive?: boolean } = {}) => url(['http:', 'https:'], options);

/** The name of a claim in an ID token: letters, digits and the punctuation of namespaced claims. */
const claimName = (): Rule => ({
  check: (value) =>
    /^[\w.:/-]{1,200}$/.test(value) ? undefined : `must be a claim name (letters, digits, . _ : / -), got "${value}"`,
});

export const RULES: Record<EnvVariable, Rule> = {
  DATABASE_URL: databaseUrl(),
  ORGANIZATIONS_DATABASE_URL: databaseUrl(),
  TASKS_DATABASE_URL: databaseUrl(),
  INDICATORS_DATABASE_URL: databaseUrl(),
  DB_POOL_SIZE: int(1, 1000),
  HOST: text(),
  GATEWAY_PORT: port(),
  ORGANIZATIONS_PORT: port(),
  TASKS_PORT: port(),
  INDICATORS_PORT: port(),
  ORGANIZATIONS_URL: web(),
  TASKS_URL: web(),
  INDICATORS_URL: web(),
  EMBEDDED_PG_DIR: text(),
  EMBEDDED_PG_PORT: port(),
  SEED: flag(),
  JWT_SECRET: requiredWhen(
    secret(32),
    inProduction(
      ['gateway', 'tokens'],
      "must be set in production: the secret callers' tokens are signed with, at least 32 characters (npx ipzone keys makes one)",
      ['JWT_PUBLIC_KEY', 'JWKS_URL'],
    ),
  ),
  JWT_PUBLIC_KEY: key('public', 'rsa', { pemOnly: true }),
  JWKS_URL: web(),
  JWT_ISSUER: text(),
  MAX_TOKEN_DAYS: int(1),
  IDENTITY_REFRESH_SECONDS: int(1, 86_400),
  GATEWAY_PRIVATE_KEY: requiredWhen(
    key('private', 'ed25519'),
    inProduction(
      ['gateway'],
      'must be set in production: the Ed25519 key the gateway signs forwarded identities with (npx ipzone keys makes one)',
    ),
  ),
  GATEWAY_PUBLIC_KEY: requiredWhen(
    also(key('public', 'ed25519'), (value, context) => {
      const signing = setting(context, 'GATEWAY_PRIVATE_KEY');
      const half = signing && publicHalf(signing);
      return half && half !== publicPart(value) ? 'is not the public half of GATEWAY_PRIVATE_KEY' : undefined;
    }),
    // A process running the gateway too derives it from GATEWAY_PRIVATE_KEY, which is required then.
    (context) =>
      context.runs.has('gateway')
        ? undefined
        : inProduction(
            ['subgraphs'],
            "must be set in production (or GATEWAY_PRIVATE_KEY): the gateway's public key the subgraphs verify identities with",
            ['GATEWAY_PRIVATE_KEY'],
          )(context),
  ),
  SECRETS_FILE: text(),
  READS_REQUIRE_TOKEN: flag(),
  MAX_PUSH_ROWS: int(1),
  MAX_UPLOAD_ROWS: int(1),
  BULK_JOB_BYTES: int(0),
  MAX_OPEN_JOBS: int(1),
  JOB_HEARTBEAT_SECONDS: decimal({ min: 0.5 }),
  MAX_QUERY_DEPTH: int(1),
  MAX_QUERY_COST: int(1),
  MAX_ALIASES: int(0),
  MAX_DIRECTIVES: int(0),
  MAX_QUERY_TOKENS: int(1),
  MAX_FIELD_REPEATS: int(1),
  MAX_BODY_BYTES: int(1024),
  REQUEST_TIMEOUT_MS: int(1),
  HEADERS_TIMEOUT_MS: int(1),
  SUBGRAPH_TIMEOUT_MS: int(1),
  SUBGRAPH_DEDUP: flag(),
  METRICS_HOST: text(),
  METRICS_PORT_OFFSET: int(1, 65535),
  PLAUSIBILITY_FACTOR: decimal({ above: 1 }),
  IPZONE_URL: web(),
  IPZONE_TOKEN: { ...text(), sensitive: true },
  NODE_ENV: oneOf(['production', 'development', 'test']),
  LOG_LEVEL: oneOf(LOG_LEVELS),
  ENTRY_CLOSE_DAYS: int(0),
  ENTRY_OPEN_OFFSET_DAYS: int(-36_500, 36_500),
  NOTIFICATIONS: flag(),
  REMINDER_DUE_DAYS: int(0),
  REMINDER_OVERDUE_DAYS: int(0),
  REMINDER_SCAN_CRON: cron(),
  DIGEST_CRON: cron(),
  WEBHOOK_RETRY_LIMIT: int(0, 100),
  WEBHOOK_RETRY_DELAY_SECONDS: int(1),
  // Host names or addresses, never URLs: "https://hooks.example" would let nothing through.
  WEBHOOK_ALLOWED_HOSTS: {
    check: (value) => {
      const wrong = value
        .split(',')
        .map((host) => host.trim())
        .find((host) => host !== '' && !/^(\[[0-9a-f:.]+\]|[\p{L}\p{N}._:-]+)$/iu.test(host));
      return wrong === undefined
        ? undefined
        : `"${wrong}" is not a host name or address (comma-separated hosts, no scheme, port or path)`;
    },
  },
  JOB_POLL_SECONDS: decimal({ min: 0.5 }),
  SMTP_URL: url(['smtp:', 'smtps:'], { sensitive: true, example: 'smtp://user:password@mail.example:587' }),
  MAIL_FROM: text(),
  KPI_FIGURES: oneOf(FIGURE_RULES, { ignoreCase: true }),
  DASHBOARD_REFRESH_SECONDS: int(0),
  OIDC_ISSUER: requiredWhen(web(), (context) =>
    setting(context, 'OIDC_CLIENT_ID') ? 'must be set with OIDC_CLIENT_ID (the two go together)' : undefined,
  ),
  OIDC_CLIENT_ID: requiredWhen(text(), (context) =>
    setting(context, 'OIDC_ISSUER') ? 'must be set with OIDC_ISSUER (the two go together)' : undefined,
  ),
  OIDC_SCOPES: also(text(), (value) =>
    value.trim().split(/\s+/).includes('openid')
      ? /^[\x21\x23-\x5b\x5d-\x7e]+(\s+[\x21\x23-\x5b\x5d-\x7e]+)*$/.test(value.trim())
        ? undefined
        : `must be scope names separated by spaces, got "${value}"`
      : `must include "openid" (an OpenID Connect sign-in asks for it), got "${value}"`,
  ),
  OIDC_ORG_CLAIM: claimName(),
  OIDC_ROLES_CLAIM: claimName(),
  // An origin only: the pages are served at its root.
  PUBLIC_URL: requiredWhen(
    also(web(), (value) =>
      new URL(value).href === `${new URL(value).origin}/`
        ? undefined
        : `must be an origin only (scheme, host and port, e.g. https://ipzone.example.org), got "${value}"`,
    ),
    (context) =>
      context.production && context.runs.has('gateway') && setting(context, 'OIDC_ISSUER')
        ? 'must be set in production with OIDC_ISSUER: the sign-in provider sends people back to PUBLIC_URL/report'
        : undefined,
  ),
};

export interface CheckOptions {
  runs: Part[];
  /** The environment checked (lib/settings.ts passes the process's). */
  env: Readonly<Record<string, string | undefined>>;
}

function contextOf(options: CheckOptions): CheckContext {
  const { env } = options;
  return { env, production: env.NODE_ENV === 'production', runs: new Set(options.runs) };
}

/** Every problem of the variables as set, one line each ("NAME: what is wrong"); empty when all is well. */
export function configProblems(options: CheckOptions): string[] {
  const context = contextOf(options);
  const problems: string[] = [];
  for (const name of Object.keys(ENV_VARIABLES) as EnvVariable[]) {
    const rule = RULES[name];
    const value = setting(context, name);
    if (value === undefined) {
      const why = rule.required?.(context);
      if (why) problems.push(`${name} ${why}`);
    } else if (quoted(value)) {
      problems.push(`${name} is wrapped in quotes: the quotes of the .env file came along with the value; remove them`);
    } else {
      const wrong = rule.check(value, context);
      if (wrong) problems.push(`${name} ${wrong}`);
    }
  }
  return problems;
}

const DATABASE_VARIABLES: EnvVariable[] = [
  'DATABASE_URL',
  ...SUBGRAPHS.map((name) => `${name.toUpperCase()}_DATABASE_URL` as EnvVariable),
];

/**
 * In production, every database the process is given must exist and answer: a start never
 * creates one (a typo would make a new, empty hub). Outside production a missing database
 * is still created when the hub starts.
 */
async function databaseProblems(options: CheckOptions, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const context = contextOf(options);
  if (!context.production || !context.runs.has('database')) return [];
  // Loaded here: the rules alone must not load the database driver's ORM.
  const { databaseProblem } = await import('./db');
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of DATABASE_VARIABLES) {
    const value = setting(context, name);
    if (value === undefined || skip.has(name) || seen.has(value)) continue;
    seen.add(value);
    const problem = await databaseProblem(value);
    if (problem) problems.push(`${name} ${problem}`);
  }
  return problems;
}

/** Every problem of the configuration for what is about to start: the variables', then the databases'. */
export async function configurationProblems(options: CheckOptions): Promise<string[]> {
  const problems = configProblems(options);
  const named = new Set(problems.map((problem) => problem.split(' ')[0]));
  problems.push(...(await databaseProblems(options, named)));
  return problems;
}
