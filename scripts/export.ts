/**
 * ipzone export kpis|scoreboard|completeness|organization [--id amr] [--as-of 2025-12-31] [--recorded-as-of 2026-01-20T09:00:00Z] [--out FILE]
 * Downloads one of the gateway's CSV exports (/export/<name>.csv) of the running hub at
 * IPZONE_URL, to stdout or --out FILE. The token, needed only when reads require one,
 * comes from --token-file FILE (- for standard input) or IPZONE_TOKEN. Exits 2 when the
 * hub refuses (its message and status are printed), writing no file.
 */
import { writeFileSync } from 'node:fs';
import { startupSettings } from '../lib/settings';
import { readToken, unreachable } from '../lib/client';
import { fileProblem } from '../lib/command-line';
import { commandLine, stringOption } from './commands';

async function main(): Promise<void> {
  const line = commandLine('export');
  const settings = await startupSettings([]);
  const name = line.positionals[0];
  const url = new URL(`/export/${name}.csv`, settings.client.url);
  const id = stringOption(line, 'id');
  if (name === 'organization' && !id) throw new Error('the organization export needs --id <organisation id>');
  if (id) url.searchParams.set('id', id);
  const asOf = stringOption(line, 'as-of');
  if (asOf) url.searchParams.set('asOf', asOf);
  const recordedAsOf = stringOption(line, 'recorded-as-of');
  if (recordedAsOf) url.searchParams.set('recordedAsOf', recordedAsOf);
  const token = await readToken(stringOption(line, 'token-file'), settings.client.token);
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw unreachable(url, error);
  }
  const body = await response.text();
  if (!response.ok) throw new Error(`the hub answered HTTP ${response.status} for ${url.pathname}${url.search}: ${body.trim()}`);
  const out = stringOption(line, 'out');
  if (out) {
    try {
      writeFileSync(out, body);
    } catch (error) {
      throw fileProblem('write', out, error);
    }
    process.stderr.write(`wrote ${out} (${body.split('\n').filter(Boolean).length - 1} rows)\n`);
  } else process.stdout.write(body);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
