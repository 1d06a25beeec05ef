/** Before all tests: a fresh test database, which every test then reaches through DATABASE_URL. */
import { startTestDatabase } from './database';

export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'error';
  // Hubs under test start no notification worker (a job queue polling every database) unless
  // a test asks for one: test/e2e/reminders.test.ts does.
  process.env.NOTIFICATIONS ??= 'false';
  const { url, embedded } = await startTestDatabase();
  process.env.DATABASE_URL = url;
  process.env.TEST_DATABASE_SERVER_URL = url;
  (globalThis as { __embeddedDatabase?: unknown }).__embeddedDatabase = embedded;
}
