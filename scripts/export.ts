/**
 * ipzone export kpis|scoreboard|completeness|organization [--id amr] [--as-of 2025-12-31] [--recorded-as-of 2026-01-20T09:00:00Z] [--out FILE]
 * Downloads one of the gateway's CSV exports (/export/<name>.csv) of the running hub at
 * IPZONE_URL, to stdout or --out FILE. The token, needed only when reads require one,
 * comes from --token-file FILE (- for standard input) or IPZONE_TOKEN. Exits 2 when the
 * hub refuses (its message and status are printed), writing no file.
 */
import { writeFileSync } from 'node:fs';
import { config } from '../lib/config';
import { parseArgs, readToken } from '../lib/client';

const EXPORTS = ['kpis', 'scoreboard', 'completeness', 'organization'];
const USAGE = `usage: ipzone export ${EXPORTS.join('|')} [--id <organisation id>] [--as-of YYYY-MM-DD] [--recorded-as-of INSTANT] [--out FILE] [--token-file FILE|-]`;

async function main(): Promise<void> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const name = positional[0];
  if (!name || !EXPORTS.includes(name)) throw new Error(USAGE);
  const url = new URL(`/export/${name}.csv`, config.clientUrl());
  const id = options.get('id')?.[0];
  if (name === 'organization' && !id) throw new Error('the organization export needs --id <organisation id>');
  if (id) url.searchParams.set('id', id);
  const asOf = options.get('as-of')?.[0];
  if (asOf) url.searchParams.set('asOf', asOf);
  const recordedAsOf = options.get('recorded-as-of')?.[0];
  if (recordedAsOf) url.searchParams.set('recordedAsOf', recordedAsOf);
  const token = await readToken(options);
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw new Error(`cannot reach the hub at ${url.origin} (${(error as Error).message}); is it running? (ipzone start)`);
  }
  const body = await response.text();
  if (!response.ok) throw new Error(`the hub answered HTTP ${response.status} for ${url.pathname}${url.search}: ${body.trim()}`);
  const out = options.get('out')?.[0];
  if (out) {
    writeFileSync(out, body);
    process.stderr.write(`wrote ${out} (${body.split('\n').filter(Boolean).length - 1} rows)\n`);
  } else process.stdout.write(body);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
