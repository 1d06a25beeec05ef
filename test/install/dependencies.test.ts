/**
 * A clean install: every package the code imports is declared (runtime code only from
 * `dependencies`; tests, benchmarks and the dashboard build may use `devDependencies`),
 * nothing declared goes unused, no file or export goes unused either, and every installed package supports every Node.js line
 * the hub claims in `engines` (so `npm ci` warns of no engine on any of them).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const claimed = manifest.engines.node;

/** Knip (knip.json) over the project, every kind of issue unless `args` narrow it; its report, and whether it found nothing. */
function knip(...args: string[]): { clean: boolean; report: string } {
  const bin = path.join(ROOT, 'node_modules/knip/bin/knip.js');
  try {
    const report = execFileSync(process.execPath, [bin, '--no-progress', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { clean: true, report };
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return { clean: false, report: `${stdout}${stderr}` };
  }
}

it('declares every package the code imports, no package it does not use, and no file or export nothing uses', () => {
  const { clean, report } = knip();
  expect(report).toBe('');
  expect(clean).toBe(true);
});

it('runs the hub on `dependencies` alone: dev packages serve only tests, benchmarks and the dashboard build', () => {
  // Exports only tests use are used: in production mode only the packages are checked.
  const { clean, report } = knip('--production', '--strict', '--dependencies');
  expect(report).toBe('');
  expect(clean).toBe(true);
});

it('claims Node.js lines in engines that every installed package supports', () => {
  expect(semver.validRange(claimed)).not.toBeNull();
  const refusing = Object.entries(lock.packages)
    .filter(([where, entry]) => where !== '' && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
    .filter(([, entry]) => !semver.subset(claimed, (entry.engines as { node: string }).node))
    .map(
      ([where, entry]) =>
        `${where.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${(entry.engines as { node: string }).node}`,
    );
  expect(refusing).toEqual([]);
});

it('runs CI on a pinned release of each Node.js line it claims', () => {
  const pinned = readFileSync(path.join(ROOT, '.ci/node-versions'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  expect(pinned.length).toBeGreaterThan(0);
  for (const version of pinned) {
    expect({ version, valid: semver.valid(version) === version, admitted: semver.satisfies(version, claimed) }).toEqual({
      version,
      valid: true,
      admitted: true,
    });
  }
  const claimedMajors = new semver.Range(claimed).set.map(
    (comparators) => semver.minVersion(comparators.map(String).join(' '))!.major,
  );
  // The oldest line runs on the machine's own Node.js; each newer one on a pinned release.
  const oldest = Math.min(...claimedMajors);
  const pinnedMajors = new Set(pinned.map((version) => semver.major(version)));
  expect(claimedMajors.filter((major) => major !== oldest && !pinnedMajors.has(major))).toEqual([]);
});

it('loads every native addon installed on the Node.js running it (none is bound to another Node ABI)', () => {
  const addons = (readdirSync(path.join(ROOT, 'node_modules'), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.node'))
    .map((file) => path.join(ROOT, 'node_modules', file));
  const script = 'for (const file of process.argv.slice(1)) require(file);';
  expect(() => execFileSync(process.execPath, ['-e', script, ...addons], { stdio: 'pipe' })).not.toThrow();
});
