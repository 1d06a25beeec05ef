/**
 * `npm run bench -- --profile`: the service processes the bench starts write their CPU
 * profiles when they stop, and the report reads them back into each process's busiest
 * functions with their share of its time, and the project's own functions by total time. Here the three subgraphs run as the bench runs
 * them, answer a few queries, and stop.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { profileReport } from '../../bench/profile';
import { profileServicesInto, startSubgraphs } from '../../bench/services';
import { gatewayIdentity, useHubAndDatabase } from '../support/hub';

jest.setTimeout(120_000);

const started = useHubAndDatabase();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ipz-profile-'));
});
afterAll(() => {
  profileServicesInto(undefined);
  rmSync(dir, { recursive: true, force: true });
});

it('each service process leaves a profile, read back as its busiest functions', async () => {
  profileServicesInto(dir);
  // The file's own database, migrated and seeded by its hub (startTestHub points DATABASE_URL at it).
  expect(started.url()).toMatch(/^http/);
  const { services, urls } = await startSubgraphs(process.env.DATABASE_URL!);
  try {
    for (let i = 0; i < 20; i += 1) {
      const res = await fetch(urls.organizations, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await gatewayIdentity()) },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(res.status).toBe(200);
    }
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  expect(files.map((f) => f.replace(/-\d+-[0-9a-f]+\.cpuprofile$/, '')).sort()).toEqual(['indicators', 'organizations', 'tasks']);
  const report = profileReport(dir);
  expect(report).toContain('## CPU profiles (3 processes');
  for (const file of files) expect(report).toContain(`### ${file}`);
  // Each process's table: its functions, where they are, their self time and share.
  const rows = report.split('\n').filter((l) => /^\| .+ \| .+ \| \d+\.\d \| \d+\.\d % \|$/.test(l));
  expect(rows.length).toBeGreaterThanOrEqual(3 * 5);
  // Then the project's own functions by total time: module loading of dist/ at least.
  const own = report.split("The project's own functions by total time").slice(1);
  expect(own).toHaveLength(3);
  for (const section of own) expect(section).toMatch(/\| dist\/[^|]+\.js:\d+ \| \d+\.\d \|/);
});
