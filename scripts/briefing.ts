/**
 * ipzone briefing [--as-of 2026-03-31] [--recorded-as-of 2026-04-01T00:00:00Z] [--figures ALL|ACCEPTED] [--html] [--out FILE]
 * Downloads the briefing for the coordinating meeting from the running hub at IPZONE_URL
 * (/briefing.pdf, or the page /briefing with --html), to stdout or --out FILE: the same
 * reference date, vintage and figure rule always give the same file. The token, needed
 * only when reads require one, comes from --token-file FILE (- for standard input) or
 * IPZONE_TOKEN. Exits 2 when the hub refuses (its message and status are printed),
 * writing nothing; a PDF is never written to a terminal.
 */
import { writeFileSync } from 'node:fs';
import { startupSettings } from '../lib/settings';
import { readToken, unreachable } from '../lib/client';
import { fileProblem } from '../lib/command-line';
import { commandLine, stringOption } from './commands';

async function main(): Promise<void> {
  const line = commandLine('briefing');
  const settings = await startupSettings([]);
  const html = line.values.html === true;
  const url = new URL(html ? '/briefing' : '/briefing.pdf', settings.client.url);
  for (const [option, parameter] of [
    ['as-of', 'asOf'],
    ['recorded-as-of', 'recordedAsOf'],
    ['figures', 'figures'],
  ] as const) {
    const value = stringOption(line, option);
    if (value) url.searchParams.set(parameter, value);
  }
  const out = stringOption(line, 'out');
  if (!out && !html && process.stdout.isTTY) {
    throw new Error('the PDF is not written to a terminal: redirect it (ipzone briefing … > briefing.pdf) or use --out FILE');
  }
  const token = await readToken(stringOption(line, 'token-file'), settings.client.token);
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw unreachable(url, error);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    throw new Error(`the hub answered HTTP ${response.status} for ${url.pathname}${url.search}: ${body.toString('utf8').trim()}`);
  }
  if (out) {
    try {
      writeFileSync(out, body);
    } catch (error) {
      throw fileProblem('write', out, error);
    }
    process.stderr.write(`wrote ${out} (${body.length} bytes)\n`);
  } else process.stdout.write(body);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
