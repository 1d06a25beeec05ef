/**
 * The bench's verdicts and reports: an aim met only when every round meets it, missed when
 * none does, inconclusive otherwise; a round with a failed answer never meets; the results
 * carry each round's value and their spread, and no narrative (bench/rounds.ts,
 * bench/report.ts). What counts as a successful answer (bench/answers.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answerFailure } from '../../bench/answers';
import { type BenchRow, writeReports } from '../../bench/report';
import { atLeast, atMost, judged, median, spreadOf, verdictOf } from '../../bench/rounds';

describe('verdicts over rounds', () => {
  it('are met when every round meets the aim, missed when none does, inconclusive otherwise', () => {
    expect(verdictOf([true, true, true])).toBe('met');
    expect(verdictOf([false, false, false])).toBe('missed');
    expect(verdictOf([true, false, true])).toBe('inconclusive');
    expect(() => verdictOf([])).toThrow();
  });

  it('judge the rounds, not their median: 1.13×, 1.17×, 1.31× against ≤ 1.3 is inconclusive', () => {
    const row = judged([1.13, 1.31, 1.17], atMost(1.3));
    expect(row).toEqual({
      rounds: [1.13, 1.31, 1.17],
      spread: { min: 1.13, median: 1.17, max: 1.31 },
      aim: '≤ 1.3',
      verdict: 'inconclusive',
    });
    expect(judged([246, 324, 286], atMost(290)).verdict).toBe('inconclusive');
    expect(judged([3.4, 3.5, 4.7], atLeast(3)).verdict).toBe('met');
    expect(judged([2.4, 2.9], atLeast(3)).verdict).toBe('missed');
  });

  it('never count a round with a failed answer as meeting the aim', () => {
    expect(judged([1.0, 1.0, 1.0], atMost(1.15), [true, false, true]).verdict).toBe('inconclusive');
    expect(judged([1.0, 1.0], atMost(1.15), [false, false]).verdict).toBe('missed');
  });

  it('take the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(spreadOf([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5 });
  });
});

describe('a successful answer', () => {
  it('is HTTP 200 with a JSON body that carries no errors', () => {
    expect(answerFailure(200, '{"data":{"task":{"seq":1}}}')).toBeUndefined();
    expect(answerFailure(200, '{"data":{"note":"no \\"errors\\" here"}}')).toBeUndefined();
    expect(answerFailure(200, '{"errors":[{"message":"boom"}],"data":{"task":null}}')).toMatch(/^GraphQL errors/);
    expect(answerFailure(200, '{"data":null,"errors":[]}')).toMatch(/^GraphQL errors/);
    expect(answerFailure(503, '{"data":{}}')).toMatch(/^HTTP 503/);
    expect(answerFailure(200, '<html>')).toMatch(/^not JSON/);
  });
});

describe('the reports', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-bench-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const row = (section: string, name: string): BenchRow => ({
    section,
    name,
    value: 1.17,
    unit: 'ms p50',
    ratio: 1.17,
    ratioOf: 'direct p50',
    roundsOf: 'ratio',
    ...judged([1.13, 1.31, 1.17], atMost(1.3)),
    failed: 2,
    firstFailure: 'GraphQL errors: [{"message":"subgraph unavailable"}]',
  });

  it('write each round, its spread and the verdict, latest and dated, and no narrative', () => {
    const table = writeReports([row('federation', 'task list')], { mode: 'short', database: 'PostgreSQL server', dir });
    expect(table).toContain('| measured | value | ratio | aim | verdict | rounds → min / median / max |');
    expect(table).toContain('| task list | this run | 1.17 ms p50 |');
    expect(table).toContain(
      '| ≤ 1.3 | ? inconclusive | 1.13× · 1.31× · 1.17× → 1.13× / 1.17× / 1.31× | 2 failed answers (first: GraphQL errors: [{"message":"subgraph unavailable"}]) |',
    );
    const day = new Date().toISOString().slice(0, 10);
    expect(readdirSync(dir).sort()).toEqual([`${day}-short.json`, `${day}-short.md`, 'latest.json', 'latest.md'].sort());
    const json = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8'));
    expect(json.rows[0]).toMatchObject({ rounds: [1.13, 1.31, 1.17], spread: { min: 1.13, median: 1.17, max: 1.31 } });
    expect(json.rows[0].verdict).toBe('inconclusive');
    const md = readFileSync(path.join(dir, 'latest.md'), 'utf8');
    // Measurements only: no explanation of a result is printed into a run's report.
    expect(md.split('\n').filter((line) => line.startsWith('- '))).toEqual([]);
    expect(md).not.toMatch(/1\.85×|34×|share the 2 cores/);
  });

  it('keep the sections a partial run did not run, each of their rows saying when and where it was measured', () => {
    // The federation row as an earlier run on another machine wrote it.
    const file = path.join(dir, 'latest.json');
    const earlier = JSON.parse(readFileSync(file, 'utf8'));
    earlier.rows[0] = { ...earlier.rows[0], at: '2026-01-02T03:04:05.000Z', mode: 'full', machine: '8 × another cpu' };
    writeFileSync(file, JSON.stringify(earlier));
    writeReports([row('ingest', 'push')], { mode: 'short', database: 'PostgreSQL server', dir });
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.rows.map((r: BenchRow) => r.section)).toEqual(['federation', 'ingest']);
    const md = readFileSync(path.join(dir, 'latest.md'), 'utf8');
    expect(md).toContain('| federation | task list | 2026-01-02 03:04 UTC (full) on 8 × another cpu |');
    expect(md).toContain('| ingest | push | this run |');
    expect(md).toContain('Rows this run did not measure are kept from earlier runs');
  });
});
