/**
 * `npm run bench -- --profile`: each service process the bench starts writes a V8 CPU
 * profile (`--cpu-prof`) into a folder of the run, and this reads them back into the table
 * the results quote: per process, the functions that took the most CPU time themselves
 * (self time, from the profile's samples), with their share of the process's time. A
 * figure about where time goes is only written down from such a table, never by hand.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';

/** The parts of a .cpuprofile file (the DevTools protocol's Profiler.Profile) read here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  function: string;
  /** file:line from the project's folder (node: for Node's own, a package's path inside node_modules). */
  where: string;
  /** Self time, or total time in the table of the project's own functions. */
  selfMs: number;
  share: number;
}

/** The arguments that make a started Node process write its profile into `dir` when it exits. */
export const profileArguments = (dir: string, name: string): string[] => [
  '--cpu-prof',
  `--cpu-prof-dir=${dir}`,
  `--cpu-prof-name=${name}-${Date.now()}-${randomBytes(3).toString('hex')}.cpuprofile`,
];

function where(url: string, line: number): string {
  if (url === '') return '(native)';
  const file = url.startsWith('file://') ? path.relative(PROJECT_ROOT, new URL(url).pathname) : url;
  return `${file}:${line + 1}`;
}

type Timed = { frame: CpuProfile['nodes'][number]['callFrame']; us: number };

/** The `count` functions of most time, each with its share of the process's `total`. */
const busiest = (entries: Timed[], total: number, count: number): ProfileLine[] =>
  entries
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map(({ frame, us }) => ({
      function: frame.functionName || '(anonymous)',
      where: where(frame.url, frame.lineNumber),
      selfMs: Math.round(us / 100) / 10,
      share: total > 0 ? us / total : 0,
    }));

/** The functions of one profile by self time, most first. */
export function topFunctions(profile: CpuProfile, count = 12): ProfileLine[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, Timed>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const frame = frames.get(id)!;
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
    const entry = self.get(key) ?? { frame, us: 0 };
    entry.us += us;
    self.set(key, entry);
  });
  return busiest([...self.values()], total, count);
}

/** Whether a frame is the project's own code (compiled into dist/), not Node's or a package's. */
const isOwn = (url: string): boolean => url.startsWith('file://') && !url.includes('/node_modules/') && url.includes('/dist/');

/**
 * The project's own functions by total time: their self time and that of everything they
 * call, each sample counted once per function however deep it recurs. Where a use case's
 * time goes (the checks of a batch, reading a file) is read here, not from self time.
 */
export function ownTotals(profile: CpuProfile, count = 12): ProfileLine[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const totals = new Map<string, Timed>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    all += us;
    const seen = new Set<string>();
    for (let node = byId.get(id); node; node = byId.get(parent.get(node.id) ?? -1)) {
      const frame = node.callFrame;
      const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
      if (!isOwn(frame.url) || seen.has(key)) continue;
      seen.add(key);
      const entry = totals.get(key) ?? { frame, us: 0 };
      entry.us += us;
      totals.set(key, entry);
    }
  });
  return busiest([...totals.values()], all, count);
}

const table = (heading: string, lines: ProfileLine[]): string[] => [
  `| function | where | ${heading} | share |`,
  '| --- | --- | ---: | ---: |',
  ...lines.map((l) => `| ${l.function} | ${l.where} | ${l.selfMs.toFixed(1)} | ${(l.share * 100).toFixed(1)} % |`),
];

/** The table of every profile in `dir`: a section per process, its busiest functions, then its own functions by total time. */
export function profileReport(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const sections = files.map((file) => {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    return [
      `### ${file}`,
      '',
      ...table('self ms', topFunctions(profile)),
      '',
      "The project's own functions by total time (theirs and what they call):",
      '',
      ...table('total ms', ownTotals(profile)),
      '',
    ].join('\n');
  });
  return [`## CPU profiles (${files.length} processes, ${path.relative(PROJECT_ROOT, dir)})`, '', ...sections].join('\n');
}
