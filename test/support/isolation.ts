/**
 * Lets several checkouts run their suites on one machine at once: TEST_DB_PREFIX names the
 * databases a run creates, TEST_PORT_OFFSET shifts every fixed port a test listens on.
 */
export const TEST_DB_PREFIX = process.env.TEST_DB_PREFIX ?? 'ipzone_test';

/**
 * Linux hands out ports from 32768 up to outgoing connections: a fixed port there can be
 * held by any process's connection when a test needs it. Fixed ports stay below.
 */
const EPHEMERAL_FROM = 32768;

export function testPort(base: number): number {
  const port = base + Number(process.env.TEST_PORT_OFFSET ?? 0);
  if (port >= EPHEMERAL_FROM)
    throw new Error(
      `test port ${port} (${base} + TEST_PORT_OFFSET) is in the range Linux gives outgoing connections: use a base below ${EPHEMERAL_FROM - 8000}`,
    );
  return port;
}
