/**
 * Lets several checkouts run their suites on one machine at once: TEST_DB_PREFIX names the
 * databases a run creates, TEST_PORT_OFFSET shifts every fixed port a test listens on.
 */
export const TEST_DB_PREFIX = process.env.TEST_DB_PREFIX ?? 'ipzone_test';

export function testPort(base: number): number {
  return base + Number(process.env.TEST_PORT_OFFSET ?? 0);
}
