/** Before all tests: a fresh test database, which every test then reaches through DATABASE_URL. */
import { startTestDatabase } from './database';

export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'error';
  const { url, embedded } = await startTestDatabase();
  process.env.DATABASE_URL = url;
  process.env.TEST_DATABASE_SERVER_URL = url;
  (globalThis as { __embeddedDatabase?: unknown }).__embeddedDatabase = embedded;
}
