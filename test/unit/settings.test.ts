/**
 * The settings, parsed once (lib/settings.ts): every default the variables' table states is
 * the one the parser uses, every problem is named together, values come typed, a setting
 * never follows the environment once read, and no secret is made until one is asked for.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENV_VARIABLES, type EnvVariable } from '../../lib/config';
import { readSettings } from '../../lib/settings';

/** The environment of a hub configured with nothing but `values` (no variable of the test run's). */
const only = (values: Record<string, string> = {}) => values;
/** Settings as data: the secrets (functions, read when asked) left out. */
const asData = (values: Record<string, string> = {}) => JSON.parse(JSON.stringify(readSettings(only(values)))) as unknown;

/**
 * The default a variable's description states as a literal: "(default 10)", '(… ; default "0 7 * * *")',
 * "(default .data/postgres)", or a value marked as the default: '"info" (default)'.
 */
function statedDefault(meaning: string): string | undefined {
  const match = /(?:\(|; )default:? ("[^"]*"|[\w./:-]+)[;),]/.exec(meaning) ?? /("[^"]*") \(default\)/.exec(meaning);
  if (!match) return undefined;
  const value = match[1].replace(/^"(.*)"$/, '$1');
  return /[A-Z_]{4}/.test(value) ? undefined : value; // "(default DATABASE_URL)": another variable, not a value
}

describe('the defaults', () => {
  const stated = (Object.entries(ENV_VARIABLES) as Array<[EnvVariable, string]>)
    .map(([name, meaning]) => [name, statedDefault(meaning)] as const)
    .filter((entry): entry is readonly [EnvVariable, string] => entry[1] !== undefined);

  it('are stated for most variables (the check below has something to check)', () => {
    expect(stated.length).toBeGreaterThan(35);
    expect(Object.fromEntries(stated)).toMatchObject({ MAX_QUERY_DEPTH: '20', OIDC_SCOPES: 'openid', HOST: '127.0.0.1' });
  });

  it.each(stated.map(([name, value]) => [name, value]))(
    '%s set to its stated default %p reads as leaving it unset',
    (name, value) => {
      expect(asData({ [name]: value })).toEqual(asData());
    },
  );

  it('are stated for the variables whose default is one of their words', () => {
    expect(Object.fromEntries(stated)).toMatchObject({ LOG_LEVEL: 'info', SEED: 'true' });
  });

  it.each([
    // Said in words: the value that reads as leaving the variable unset.
    ['READS_REQUIRE_TOKEN', 'false'],
    ['SUBGRAPH_DEDUP', 'true'],
    ['NOTIFICATIONS', 'true'],
    ['KPI_FIGURES', 'ALL'],
    ['NODE_ENV', 'development'],
  ])('%s set to %p, its default said in words, reads as leaving it unset', (name, value) => {
    expect(asData({ [name]: value })).toEqual(asData());
  });

  it('follow the variables they are stated in terms of', () => {
    const settings = readSettings(
      only({ GATEWAY_PORT: '4100', DATABASE_URL: 'postgres://h/all', TASKS_DATABASE_URL: 'postgres://h/t' }),
    );
    expect(settings.gateway.publicUrl).toBe('http://localhost:4100');
    expect(settings.client.url).toBe('http://127.0.0.1:4100/graphql');
    expect(settings.databaseUrls).toEqual({
      organizations: 'postgres://h/all',
      tasks: 'postgres://h/t',
      indicators: 'postgres://h/all',
    });
    expect(settings.subgraphUrls.tasks).toBe('http://127.0.0.1:4002/graphql');
    expect(readSettings(only({ TASKS_PORT: '4200' })).subgraphUrls.tasks).toBe('http://127.0.0.1:4200/graphql');
  });

  it('would notice a stated default the parser does not use', () => {
    expect(asData({ MAX_QUERY_DEPTH: '21' })).not.toEqual(asData());
  });
});

it('names every problem together, each with its variable', () => {
  expect(() => readSettings(only({ MAX_QUERY_DEPTH: 'deep', GATEWAY_PORT: '70000', LOG_LEVEL: 'loud' }))).toThrow(
    /3 problems:\n {2}- GATEWAY_PORT .*\n {2}- MAX_QUERY_DEPTH .*\n {2}- LOG_LEVEL /,
  );
});

it('gives typed values', () => {
  const settings = readSettings(
    only({ MAX_QUERY_DEPTH: '7', READS_REQUIRE_TOKEN: 'true', KPI_FIGURES: 'accepted', ENTRY_CLOSE_DAYS: '10' }),
  );
  expect(settings.gateway.limits.maxQueryDepth).toBe(7);
  expect(settings.gateway.readsRequireToken).toBe(true);
  expect(settings.indicators.kpiFigures).toBe('ACCEPTED');
  expect(settings.indicators.entryWindows).toEqual({ openOffsetDays: 0, closeDays: 10 });
  expect(settings.subgraphUrls.indicators).toBe('http://127.0.0.1:4003/graphql');
  expect(Object.isFrozen(settings)).toBe(true);
});

it('never follows the environment once read', () => {
  const environment: Record<string, string | undefined> = { MAX_TOKEN_DAYS: '30' };
  const settings = readSettings(environment);
  environment.MAX_TOKEN_DAYS = '1';
  expect(settings.tokens.maxTokenDays).toBe(30);
});

it('makes no secret until one is asked for', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-settings-'));
  try {
    const secretsFile = path.join(dir, 'secrets.json');
    const settings = readSettings(only({ SECRETS_FILE: secretsFile }));
    expect(existsSync(secretsFile)).toBe(false);
    const secret = settings.tokens.jwtSecret();
    expect(existsSync(secretsFile)).toBe(true);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(settings.tokens.jwtSecret()).toBe(secret);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
