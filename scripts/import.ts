/**
 * ipzone import figures.csv|figures.xlsx [--token-file FILE|-] [--dry-run] [--atomic] [--batch 1000] [--encoding utf-8|gb18030|gbk]
 * [--warnings-file FILE]
 * (or npm run import -- …), the token from the file, standard input (-) or IPZONE_TOKEN.
 * Reads an .xlsx workbook's first sheet (the reporting template filled in), or CSV as
 * UTF-8 or GB18030 (named, or recognised), and refuses a file it cannot read before anything is sent. Sends a CSV of figures through the gateway in batches, shows progress, prints the
 * summary with each rejected row's line, field and code, its warnings grouped per code,
 * indicator and period (every one of them in --warnings-file FILE), and exits 1 when rows were
 * rejected (2 when the import could not run). Each batch carries an idempotency key
 * made from the file's content, so running the same file again writes nothing twice.
 * A CSV file larger than 1 MiB goes whole through the gateway's POST /figures/bulk as a
 * job instead (import-bulk.ts), streamed from disk, with a progress bar.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { startupSettings } from '../lib/settings';
import { gatewayRequest, readToken } from '../lib/client';
import { commandLine, stringOption } from './commands';
import { graphql } from '../lib/gql';
import { asFigureInputs, readFigureFile } from '../lib/figure-file';
import { toCsv } from '../lib/csv';
import { groupWarnings, type PlacedWarning, warningGroupText } from '../lib/warning-groups';
import { type BulkImportOptions, importBulk, isLargeCsv } from './import-bulk';
import { DISPLAY } from '../lib/encoding';

const PUSH = graphql(`
  mutation ImportFigures($input: PushFiguresInput!) {
    pushFigures(input: $input) {
      ...PushSummaryFields
    }
  }
`).toString();

function progress(done: number, total: number): void {
  const text = `  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${Math.floor((done / Math.max(total, 1)) * 100)}%)`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
}

async function main(): Promise<number> {
  const line = commandLine('import');
  const settings = await startupSettings([]);
  const { url } = settings.client;
  const file = line.positionals[0];
  const token = await readToken(stringOption(line, 'token-file'), settings.client.token);
  if (!token)
    throw new Error(
      'a token is needed: --token-file FILE, --token-file - (standard input) or IPZONE_TOKEN (ipzone token --org … --role reporter)',
    );
  const batchSize = Number(stringOption(line, 'batch') ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > settings.gateway.maxPushRows) {
    throw new Error(`--batch must be a whole number from 1 to ${settings.gateway.maxPushRows}`);
  }
  const dryRun = line.values['dry-run'] === true;
  const atomic = line.values.atomic === true;
  const warningsFile = stringOption(line, 'warnings-file');
  const encodingName = stringOption(line, 'encoding');
  if (isLargeCsv(file)) return importLarge(file, { url, token, dryRun, atomic, encoding: encodingName }, warningsFile);
  const { rows, problems, encoding, bytes, unfilled } = await readFigureFile(file, encodingName);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  const total = rows.length + problems.length;
  process.stderr.write(
    `importing ${total.toLocaleString('en')} rows of ${file} (${encoding}) into ${url}${dryRun ? ' (dry run)' : ''}\n`,
  );
  if (unfilled > 0) process.stderr.write(`${unfilled} template row(s) left empty: nothing to report in them\n`);
  if (atomic && problems.length > 0) {
    for (const p of problems) process.stdout.write(`line ${p.line}: ${p.field}: BAD_USER_INPUT: ${p.message}\n`);
    process.stdout.write(`nothing imported (--atomic): ${problems.length} row(s) could not be read\n`);
    return 1;
  }
  const totals = { created: 0, updated: 0, unchanged: 0, rejected: problems.length, replayed: 0 };
  const lines: string[] = problems.map((p) => `line ${p.line}: ${p.field}: BAD_USER_INPUT: ${p.message}`);
  const warnings: PlacedWarning[] = [];
  let done = problems.length;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const input = {
      figures: asFigureInputs(batch.map((r) => r.figure)),
      dryRun,
      atomic,
      idempotencyKey: dryRun ? null : `import:${digest}:${batchSize}:${start / batchSize}${atomic ? ':atomic' : ''}`,
    };
    const { pushFigures: summary } = await gatewayRequest(url, PUSH, { input }, token);
    totals.created += summary.created;
    totals.updated += summary.updated;
    totals.unchanged += summary.unchanged;
    totals.rejected += summary.rejected;
    if (summary.replayed) totals.replayed += 1;
    for (const r of summary.rejections) lines.push(`line ${batch[r.index].line}: ${r.field}: ${r.code}: ${r.message}`);
    for (const w of summary.warnings) {
      const { line: at, figure } = batch[w.index];
      const text = (name: string) => (typeof figure[name] === 'string' ? figure[name] : '');
      warnings.push({
        line: at,
        indicator: text('indicator'),
        period: text('period'),
        breakdown: text('breakdown'),
        code: w.code,
        message: w.message,
      });
    }
    done += batch.length;
    progress(done, total);
  }
  if (rows.length === 0) progress(done, total);
  return report({ ...totals, lines, warnings }, dryRun, warningsFile);
}

/** What an import did, as it prints it. */
interface Outcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Batches already imported earlier (for the bulk path: 1 when the whole file was). */
  replayed: number;
  lines: string[];
  warnings: PlacedWarning[];
}

/** Prints the rejected rows by line, the warnings grouped (every one in FILE with --warnings-file), and the counts; the exit code. */
function report(outcome: Outcome, dryRun: boolean, warningsFile: string | undefined): number {
  const { lines, warnings, ...totals } = outcome;
  for (const line of lines.sort((a, b) => Number(a.split(/[ :]/)[1]) - Number(b.split(/[ :]/)[1])))
    process.stdout.write(`${line}\n`);
  for (const group of groupWarnings(warnings)) process.stdout.write(`warning: ${warningGroupText(group)}\n`);
  if (warningsFile) {
    const header = ['line', 'indicator', 'period', 'breakdown', 'code', 'message'];
    writeFileSync(
      warningsFile,
      toCsv(
        header,
        warnings.map((w) => [w.line, w.indicator, w.period, w.breakdown, w.code, w.message]),
      ),
    );
    process.stderr.write(`${warnings.length} warning(s) listed in ${warningsFile}\n`);
  }
  process.stdout.write(
    `${dryRun ? 'would import' : 'imported'}: ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
      `${totals.rejected} rejected${totals.replayed ? ` (${totals.replayed} batch(es) already imported earlier: nothing written again)` : ''}\n`,
  );
  return totals.rejected > 0 ? 1 : 0;
}

/** A large CSV file through the bulk path (import-bulk.ts). */
async function importLarge(file: string, options: BulkImportOptions, warningsFile: string | undefined): Promise<number> {
  process.stderr.write(
    `importing ${file} through ${new URL('/figures/bulk', options.url).href}${options.dryRun ? ' (dry run)' : ''}\n`,
  );
  const summary = await importBulk(file, options);
  // A job's summary kept by a hub older than the field names no encoding.
  if (summary.encoding) process.stderr.write(`${file} was read as ${DISPLAY[summary.encoding]}\n`);
  return report(
    {
      ...summary,
      replayed: summary.replayed ? 1 : 0,
      lines: summary.rejections.map((r) => `line ${r.line}: ${r.field}: ${r.code}: ${r.message}`),
      warnings: summary.warnings,
    },
    options.dryRun,
    warningsFile,
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  },
);
