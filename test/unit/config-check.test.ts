/**
 * The configuration rules: one for every variable the code reads, every problem named
 * together, secrets and keys judged as production needs them, values pasted with their
 * .env quotes recognised as such.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ENV_VARIABLES } from '../../lib/config';
import { configProblems, type Part, RULES } from '../../lib/config-check';

const ROOT = path.resolve(__dirname, '../..');
/** Folders of the hub's code (tests and the browser pages excepted). */
const SOURCES = ['lib', 'gateway', 'subgraphs', 'hub', 'scripts', 'bench', 'bin', 'seeds'];
/**
 * Variables the code reads that are no configuration: set by npm for its scripts, and the
 * system's PATH and HOME, handed on to the Chromium that prints the briefing.
 */
const NOT_CONFIGURATION = new Set(['npm_execpath', 'PATH', 'HOME']);

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Names read as process.env.NAME or process.env['NAME'] anywhere, or through lib/settings.ts's text('NAME') and int('NAME', …). */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of SOURCES) {
    for (const file of sourceFiles(path.join(ROOT, dir))) {
      const source = readFileSync(file, 'utf8');
      const patterns = [/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g, /process\.env\[\s*['"`]([A-Za-z_][A-Za-z0-9_]*)['"`]\s*\]/g];
      if (file.endsWith(path.join('lib', 'settings.ts'))) patterns.push(/\b(?:text|int)\(\s*'([A-Z][A-Z0-9_]*)'/g);
      for (const pattern of patterns) {
        for (const match of source.matchAll(pattern)) found.set(match[1], path.relative(ROOT, file));
      }
    }
  }
  return found;
}

const ALL: Part[] = ['gateway', 'subgraphs', 'database', 'tokens'];
const problems = (env: Record<string, string>, runs: Part[] = ALL) => configProblems({ env, runs });
const production = (env: Record<string, string> = {}) => ({ NODE_ENV: 'production', ...env });

const ed25519 = generateKeyPairSync('ed25519');
const PRIVATE_PEM = ed25519.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const PUBLIC_PEM = ed25519.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const PRIVATE_JWK = JSON.stringify(ed25519.privateKey.export({ format: 'jwk' }));
const SECRET = 's'.repeat(40);

describe('the table of rules', () => {
  it('has a rule for every variable the code reads, and no rule for a variable it does not describe', () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(40); // the grep finds the variables (it would pass empty otherwise)
    const withoutRule = [...read]
      .filter(([name]) => !NOT_CONFIGURATION.has(name) && !(name in RULES))
      .map(([n, f]) => `${n} (${f})`);
    expect(withoutRule).toEqual([]);
    expect(Object.keys(RULES).sort()).toEqual(Object.keys(ENV_VARIABLES).sort());
  });

  it('passes an empty environment outside production, and each default', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ NODE_ENV: 'test', GATEWAY_PORT: '0', SEED: 'false', LOG_LEVEL: 'warn', KPI_FIGURES: 'accepted' })).toEqual(
      [],
    );
  });
});

describe('production', () => {
  it('with no secret at all names every one missing, at once', () => {
    const found = problems(production());
    expect(found).toEqual([
      expect.stringMatching(/^JWT_SECRET must be set in production/),
      expect.stringMatching(/^GATEWAY_PRIVATE_KEY must be set in production/),
    ]);
  });

  it('refuses a JWT_SECRET shorter than 32 characters, saying how long it is', () => {
    expect(problems(production({ JWT_SECRET: 'short-secret', GATEWAY_PRIVATE_KEY: PRIVATE_PEM }))).toEqual([
      'JWT_SECRET is 12 characters long: a secret needs at least 32 (npx ipzone keys makes one)',
    ]);
    expect(problems({ JWT_SECRET: 'short-secret' })).toHaveLength(1); // a short secret is no secret in any mode
  });

  it("refuses the examples' placeholder secrets", () => {
    const found = problems(
      production({ JWT_SECRET: 'ipzone-dev-jwt-secret-change-me-please', GATEWAY_PRIVATE_KEY: PRIVATE_PEM }),
    );
    expect(found).toEqual([expect.stringMatching(/^JWT_SECRET is a placeholder/)]);
  });

  it('accepts PEM and JWK keys; needs only what the process runs', () => {
    expect(problems(production({ JWT_SECRET: SECRET, GATEWAY_PRIVATE_KEY: PRIVATE_PEM }))).toEqual([]);
    expect(
      problems(production({ JWT_SECRET: SECRET, GATEWAY_PRIVATE_KEY: PRIVATE_JWK, GATEWAY_PUBLIC_KEY: PUBLIC_PEM })),
    ).toEqual([]);
    expect(problems(production(), ['database'])).toEqual([]);
    expect(problems(production(), ['subgraphs'])).toEqual([
      expect.stringMatching(/^GATEWAY_PUBLIC_KEY must be set in production/),
    ]);
    expect(problems(production({ GATEWAY_PRIVATE_KEY: PRIVATE_PEM, JWKS_URL: 'https://id.example/jwks' }), ['gateway'])).toEqual(
      [],
    );
  });

  it('needs PUBLIC_URL, an origin, for the sign-in provider to send people back to (never the Host a request names)', () => {
    const oidc = {
      JWT_SECRET: SECRET,
      GATEWAY_PRIVATE_KEY: PRIVATE_PEM,
      OIDC_ISSUER: 'https://id.example',
      OIDC_CLIENT_ID: 'report',
    };
    expect(problems(production(oidc))).toEqual([
      'PUBLIC_URL must be set in production with OIDC_ISSUER: the sign-in provider sends people back to PUBLIC_URL/report',
    ]);
    expect(problems(production({ ...oidc, PUBLIC_URL: 'https://ipzone.example.org' }))).toEqual([]);
    expect(problems({ PUBLIC_URL: 'https://ipzone.example.org/report' })).toEqual([
      'PUBLIC_URL must be an origin only (scheme, host and port, e.g. https://ipzone.example.org), got "https://ipzone.example.org/report"',
    ]);
    expect(problems({ PUBLIC_URL: 'ipzone.example.org' })).toEqual([expect.stringMatching(/^PUBLIC_URL is not a URL/)]);
    expect(problems({ ...oidc })).toEqual([]); // outside production: http://localhost:GATEWAY_PORT
  });

  it('names a key pasted with the .env file\'s quotes (OpenSSL says only "DECODER routines::unsupported")', () => {
    const found = problems(production({ JWT_SECRET: SECRET, GATEWAY_PRIVATE_KEY: `'${PRIVATE_JWK}'` }));
    expect(found).toEqual([expect.stringMatching(/^GATEWAY_PRIVATE_KEY is wrapped in quotes: the quotes of the \.env file/)]);
    expect(problems({ GATEWAY_PUBLIC_KEY: `"${PUBLIC_PEM}"` })).toEqual([
      expect.stringMatching(/^GATEWAY_PUBLIC_KEY is wrapped in quotes/),
    ]);
  });

  it('names a key that does not parse, a PEM on one line, a key of the wrong kind, and a public key of another pair', () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(problems({ GATEWAY_PRIVATE_KEY: 'not a key' })).toEqual([
      expect.stringMatching(/^GATEWAY_PRIVATE_KEY does not parse as a PEM or JWK key/),
    ]);
    expect(problems({ GATEWAY_PRIVATE_KEY: PRIVATE_PEM.replace(/\n/g, '\\n') })).toEqual([
      expect.stringMatching(/^GATEWAY_PRIVATE_KEY does not parse as a key: it holds "\\n" as two characters/),
    ]);
    expect(problems({ GATEWAY_PUBLIC_KEY: rsa })).toEqual(['GATEWAY_PUBLIC_KEY must be an Ed25519 public key, not rsa']);
    expect(problems({ GATEWAY_PRIVATE_KEY: PRIVATE_PEM, GATEWAY_PUBLIC_KEY: other })).toEqual([
      'GATEWAY_PUBLIC_KEY is not the public half of GATEWAY_PRIVATE_KEY',
    ]);
    expect(problems({ JWT_PUBLIC_KEY: rsa })).toEqual([]);
    expect(problems({ JWT_PUBLIC_KEY: PUBLIC_PEM })).toEqual(['JWT_PUBLIC_KEY must be an RSA public key, not ed25519']);
  });
});

describe('formats and bounds', () => {
  it('refuses DATABASE_URL=not-a-url as not a URL (it used to become a DNS lookup of "base")', () => {
    expect(problems({ DATABASE_URL: 'not-a-url' })).toEqual([
      'DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)',
    ]);
    expect(problems({ TASKS_DATABASE_URL: 'mysql://h/db' })).toEqual([
      expect.stringMatching(/^TASKS_DATABASE_URL must be a postgres: or postgresql: URL/),
    ]);
    expect(problems({ DATABASE_URL: 'postgres://u:p@h:5432' })).toEqual([
      expect.stringMatching(/^DATABASE_URL names no database/),
    ]);
    expect(problems({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/ipzone' })).toEqual([]);
  });

  it('never repeats a secret or a URL with its password in a message', () => {
    const found = problems({ DATABASE_URL: 'postgres//u:hunter2@h/db', JWT_SECRET: 'hunter2', SMTP_URL: 'smtp//u:hunter2@m' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  it('names every wrong value together: numbers, ports, flags, words, durations, cron, URLs', () => {
    const found = problems({
      GATEWAY_PORT: '70000',
      DB_POOL_SIZE: 'ten',
      SEED: 'yes',
      LOG_LEVEL: 'verbose',
      NODE_ENV: 'prod',
      KPI_FIGURES: 'SOME',
      REQUEST_TIMEOUT_MS: '1.5',
      JOB_POLL_SECONDS: '0.1',
      PLAUSIBILITY_FACTOR: '1',
      REMINDER_SCAN_CRON: 'every day',
      IPZONE_URL: 'ftp://x/graphql',
      OIDC_CLIENT_ID: 'report',
    });
    expect(found.map((problem) => problem.split(' ')[0])).toEqual(
      [
        'DB_POOL_SIZE',
        'GATEWAY_PORT',
        'SEED',
        'PLAUSIBILITY_FACTOR',
        'IPZONE_URL',
        'NODE_ENV',
        'LOG_LEVEL',
        'REQUEST_TIMEOUT_MS',
        'REMINDER_SCAN_CRON',
        'JOB_POLL_SECONDS',
        'KPI_FIGURES',
        'OIDC_ISSUER',
      ].sort((a, b) => Object.keys(ENV_VARIABLES).indexOf(a) - Object.keys(ENV_VARIABLES).indexOf(b)),
    );
    expect(found).toContain('GATEWAY_PORT must be a whole number from 0 to 65535, got "70000"');
    expect(found).toContain('SEED must be "true" or "false", got "yes"');
    expect(found).toContain('OIDC_ISSUER must be set with OIDC_CLIENT_ID (the two go together)');
  });
});
