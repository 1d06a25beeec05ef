/** Bench results: a table on stdout, JSON and Markdown under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';

export interface BenchRow {
  section: string;
  name: string;
  value: number;
  unit: string;
  ratio?: number;
  ratioOf?: string;
  aim?: string;
  met?: boolean;
  note?: string;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(n >= 10 ? 1 : 2));

export function markdown(rows: BenchRow[], mode: string, database: string): string {
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${mode}) on ${machine()}; database: ${database}.`,
    '',
    '| section | measure | value | ratio | aim | note |',
    '| --- | --- | ---: | ---: | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.section} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}× ${r.ratioOf ?? ''}`} | ${r.aim ? `${r.aim} ${r.met ? '✓ met' : '✗ missed'}` : ''} | ${r.note ?? ''} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function writeReports(rows: BenchRow[], mode: string, database: string): string {
  const dir = path.join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const md = markdown(rows, mode, database);
  writeFileSync(
    path.join(dir, 'latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), mode, database, machine: machine(), rows }, null, 2)}\n`,
  );
  writeFileSync(path.join(dir, 'latest.md'), md);
  return md;
}
