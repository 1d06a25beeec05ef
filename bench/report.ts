/**
 * Bench results: a table on stdout, JSON and Markdown under bench/results/ — latest.{json,md}
 * and a dated copy, <date>-<mode>.{json,md}. Each row measured over rounds keeps its
 * rounds' values and their min, median and max, and each aim its verdict (rounds.ts).
 * Only measurements and the machine are written here: what a result means, and what was
 * changed because of it, is written by hand beside the dated result it explains
 * (<date>-<mode>.notes.md), never printed into every run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';
import type { Spread, Verdict } from './rounds';

export interface BenchRow {
  section: string;
  /** When it was measured, in which mode and on which machine (set when written). */
  at?: string;
  mode?: string;
  machine?: string;
  name: string;
  /** The median over the rounds, for a row measured over rounds. */
  value: number;
  unit: string;
  ratio?: number;
  ratioOf?: string;
  aim?: string;
  /** The values of each round, in order: of the ratio when `roundsOf` says so, else of the value. */
  rounds?: number[];
  roundsOf?: 'ratio' | 'value';
  spread?: Spread;
  /** met: every round meets the aim; missed: none does; inconclusive: some do. */
  verdict?: Verdict;
  /** Answers that failed over all rounds (not HTTP 200, or carrying GraphQL errors), apart from the successes. */
  failed?: number;
  firstFailure?: string;
  note?: string;
}

export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const fmt = (n: number) => (n >= 100 || Number.isInteger(n) ? Math.round(n).toLocaleString('en') : n.toFixed(n >= 10 ? 1 : 2));

const VERDICT_TEXT: Record<Verdict, string> = { met: '✓ met', missed: '✗ missed', inconclusive: '? inconclusive' };

/** A row's rounds as the table shows them: each round's value, then min / median / max. */
function roundsText(r: BenchRow): string {
  if (!r.rounds?.length || !r.spread) return '';
  const x = r.roundsOf === 'ratio' ? '×' : '';
  const v = (n: number) => `${fmt(n)}${x}`;
  return `${r.rounds.map(v).join(' · ')} → ${v(r.spread.min)} / ${v(r.spread.median)} / ${v(r.spread.max)}`;
}

const minute = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;

/** When a row was measured: this run, or (a row kept from an earlier run) its time, mode, and machine when another. */
function measuredText(r: BenchRow, at: string, here: string): string {
  if (!r.at || r.at === at) return 'this run';
  const when = `${minute(r.at)} (${r.mode ?? '?'})`;
  return r.machine && r.machine !== here ? `${when} on ${r.machine}` : when;
}

/** The table of `rows`, this run's (measured `at`) and any kept from earlier runs, each row saying which. */
export function markdown(rows: BenchRow[], mode: string, database: string, took?: string, at = new Date().toISOString()): string {
  const here = machine();
  const kept = rows.some((r) => r.at && r.at !== at);
  const lines = [
    `Measured ${minute(at)} (${mode}) on ${here}; database: ${database}${took ? `; the run took ${took}` : ''}.`,
    'Each aim is judged on every round: met when every round meets it, missed when none does, inconclusive otherwise.',
    ...(kept
      ? [
          'Rows this run did not measure are kept from earlier runs: the "measured" column says when, and on which machine when another (where recorded).',
        ]
      : []),
    '',
    '| section | measure | measured | value | ratio | aim | verdict | rounds → min / median / max | note |',
    '| --- | --- | --- | ---: | ---: | --- | --- | --- | --- |',
    ...rows.map((r) => {
      const cells = [
        r.section,
        r.name,
        measuredText(r, at, here),
        `${fmt(r.value)} ${r.unit}`,
        r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}× ${r.ratioOf ?? ''}`,
        r.aim ?? '',
        r.verdict ? VERDICT_TEXT[r.verdict] : '',
        roundsText(r),
        [r.failed ? `${r.failed.toLocaleString('en')} failed answers (first: ${r.firstFailure ?? '?'})` : '', r.note ?? '']
          .filter(Boolean)
          .join('; '),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

const SECTION_ORDER = ['federation', 'sql', 'scale', 'ingest', 'cold start', 'hostile'];

export interface ReportOptions {
  mode: string;
  database: string;
  /** How long the run took. */
  took?: string;
  /** Where latest.{json,md} and the dated copy go (bench/results/). */
  dir?: string;
}

/**
 * Prints this run's table, and writes latest.{json,md} and <date>-<mode>.{json,md}: this
 * run's sections replace their earlier results, the sections not run keep theirs (a partial
 * run, e.g. `npm run bench -- ingest`, does not erase the others).
 */
export function writeReports(rows: BenchRow[], { mode, database, took, dir = RESULTS_DIR }: ReportOptions): string {
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const file = path.join(dir, 'latest.json');
  const earlier: BenchRow[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).rows ?? []) : [];
  const ran = new Set(rows.map((r) => r.section));
  const stamped = rows.map((r) => ({ ...r, at, mode, machine: machine() }));
  const kept = earlier.filter((r) => !ran.has(r.section));
  const all = [...stamped, ...kept].sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
  const json = `${JSON.stringify({ at, mode, database, machine: machine(), took, rows: all }, null, 2)}\n`;
  const md = markdown(all, mode, database, took, at);
  for (const name of ['latest', `${at.slice(0, 10)}-${mode}`]) {
    writeFileSync(path.join(dir, `${name}.json`), json);
    writeFileSync(path.join(dir, `${name}.md`), md);
  }
  return markdown(stamped, mode, database, took, at);
}
