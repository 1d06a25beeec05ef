/**
 * ipzone import figures.csv|figures.xlsx [--token-file FILE|-] [--dry-run] [--atomic] [--batch 1000] [--encoding utf-8|gb18030|gbk]
 * (or npm run import -- …), the token from the file, standard input (-) or IPZONE_TOKEN.
 * Reads an .xlsx workbook's first sheet (the reporting template filled in), or CSV as
 * UTF-8 or GB18030 (named, or recognised), and refuses a file it cannot read before anything is sent. Sends a CSV of figures through the gateway in batches, shows progress, prints the
 * summary with each rejected row's line, field and code, and exits 1 when rows were
 * rejected (2 when the import could not run). Each batch carries an idempotency key
 * made from the file's content, so running the same file again writes nothing twice.
 */
import { createHash } from 'node:crypto';
import { config } from '../lib/config';
import { gatewayRequest, readToken } from '../lib/client';
import { commandLine, stringOption } from './commands';
import type { PushSummary } from '../subgraphs/indicators/domain/figure-types';
import { readFigureFile } from '../lib/figure-file';

const PUSH = `mutation ImportFigures($input: PushFiguresInput!) { pushFigures(input: $input) {
  replayed created updated unchanged rejected rejections { index field code message } warnings { index code message } } }`;

/** The fields of the summary the mutation above selects. */
type Summary = Pick<PushSummary, 'replayed' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'rejections' | 'warnings'>;

function progress(done: number, total: number): void {
  const text = `  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${Math.floor((done / Math.max(total, 1)) * 100)}%)`;
  if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
}

async function main(): Promise<number> {
  const line = commandLine('import');
  const file = line.positionals[0];
  const token = await readToken(stringOption(line, 'token-file'));
  if (!token)
    throw new Error(
      'a token is needed: --token-file FILE, --token-file - (standard input) or IPZONE_TOKEN (ipzone token --org … --role reporter)',
    );
  const batchSize = Number(stringOption(line, 'batch') ?? 1000);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > config.maxPushRows()) {
    throw new Error(`--batch must be a whole number from 1 to ${config.maxPushRows()}`);
  }
  const dryRun = line.values['dry-run'] === true;
  const atomic = line.values.atomic === true;
  const { rows, problems, encoding, bytes, unfilled } = await readFigureFile(file, stringOption(line, 'encoding'));
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  const total = rows.length + problems.length;
  process.stderr.write(
    `importing ${total.toLocaleString('en')} rows of ${file} (${encoding}) into ${config.clientUrl()}${dryRun ? ' (dry run)' : ''}\n`,
  );
  if (unfilled > 0) process.stderr.write(`${unfilled} template row(s) left empty: nothing to report in them\n`);
  if (atomic && problems.length > 0) {
    for (const p of problems) process.stdout.write(`line ${p.line}: ${p.field}: BAD_USER_INPUT: ${p.message}\n`);
    process.stdout.write(`nothing imported (--atomic): ${problems.length} row(s) could not be read\n`);
    return 1;
  }
  const totals = { created: 0, updated: 0, unchanged: 0, rejected: problems.length, replayed: 0 };
  const lines: string[] = problems.map((p) => `line ${p.line}: ${p.field}: BAD_USER_INPUT: ${p.message}`);
  const warnings: string[] = [];
  let done = problems.length;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const input = {
      figures: batch.map((r) => r.figure),
      dryRun,
      atomic,
      idempotencyKey: dryRun ? null : `import:${digest}:${batchSize}:${start / batchSize}${atomic ? ':atomic' : ''}`,
    };
    const { pushFigures: summary } = await gatewayRequest<{ pushFigures: Summary }>(config.clientUrl(), PUSH, { input }, token);
    totals.created += summary.created;
    totals.updated += summary.updated;
    totals.unchanged += summary.unchanged;
    totals.rejected += summary.rejected;
    if (summary.replayed) totals.replayed += 1;
    for (const r of summary.rejections) lines.push(`line ${batch[r.index].line}: ${r.field}: ${r.code}: ${r.message}`);
    for (const w of summary.warnings) warnings.push(`line ${batch[w.index].line}: ${w.code}: ${w.message}`);
    done += batch.length;
    progress(done, total);
  }
  if (rows.length === 0) progress(done, total);
  for (const line of lines.sort((a, b) => Number(a.split(/[ :]/)[1]) - Number(b.split(/[ :]/)[1])))
    process.stdout.write(`${line}\n`);
  for (const line of warnings) process.stdout.write(`warning: ${line}\n`);
  process.stdout.write(
    `${dryRun ? 'would import' : 'imported'}: ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged, ` +
      `${totals.rejected} rejected${totals.replayed ? ` (${totals.replayed} batch(es) already imported earlier: nothing written again)` : ''}\n`,
  );
  return totals.rejected > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  },
);
