/**
 * The tests' database: a fresh `ipzone_test` database on the configured server
 * (DATABASE_URL), or on an embedded PostgreSQL when none is configured.
 */
import { readSettings } from '../../lib/settings';
import path from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../../lib/config';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../lib/embedded-db';
import { TEST_DB_PREFIX, testPort } from './isolation';

export const TEST_DATABASE = TEST_DB_PREFIX;

export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startTestDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: await recreateDatabase(configured, TEST_DATABASE) };
  const settings = readSettings();
  const embedded = await startEmbeddedDatabase({
    dir: path.join(PROJECT_ROOT, '.data', 'test-postgres'),
    port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? testPort(24339)),
    password: settings.embedded.password(),
    secretsFile: settings.secretsFile,
  });
  return { url: await recreateDatabase(embedded.url, TEST_DATABASE), embedded };
}
