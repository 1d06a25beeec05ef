/**
 * The briefing as a PDF: its page printed by Chromium (gateway/briefing-chromium.ts) from
 * memory, with every request the page makes answered from the built assets or refused (it
 * reaches no network), then stamped: the document's dates are the vintage's and its id the
 * hash of the reference date, the vintage and the figure rule, so the same three always
 * give the same bytes. Chromium writes the time of printing into the PDF and no id; the
 * stamp (a pure function of the bytes and the axes) rewrites the one and adds the other.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';

/** The made-up origin the page is printed on: nothing there is ever fetched from a network. */
const ORIGIN = 'http://briefing.invalid';
const ASSET = /^\/dashboard\/([A-Za-z0-9_-][A-Za-z0-9._-]*\.(css|woff2))$/;
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', woff2: 'font/woff2' };

/** Prints `html` (whose assets are under /dashboard/, read from `assetDir`) to A4 PDF pages, within `timeoutMs`. */
export async function printPdf(
  browser: Browser,
  html: string,
  assetDir: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', timezoneId: 'UTC' });
  const abort = () => void context.close().catch(() => undefined);
  signal.addEventListener('abort', abort, { once: true });
  try {
    context.setDefaultTimeout(timeoutMs);
    const page = await context.newPage();
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const asset = ASSET.exec(url.pathname);
      let body: string | Buffer | null = null;
      if (url.origin === ORIGIN && url.pathname === '/briefing') body = html;
      else if (url.origin === ORIGIN && asset) body = await readFile(path.join(assetDir, asset[1])).catch(() => null);
      const answer = body
        ? route.fulfill({ status: 200, contentType: asset ? TYPES[asset[2]] : 'text/html; charset=utf-8', body })
        : route.abort('blockedbyclient');
      // A page closed meanwhile (out of time, or its caller gone) needs no answer: that is no error.
      await answer.catch(() => undefined);
    });
    await page.goto(`${ORIGIN}/briefing`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  } finally {
    signal.removeEventListener('abort', abort);
    await context.close().catch(() => undefined);
  }
}

export interface PdfStamp {
  /** 32 hex digits: the document's permanent and changing id alike. */
  documentId: string;
  /** The instant written as its creation and modification dates (ISO 8601). */
  date: string;
  subject: string;
  keywords: string;
}

/** A PDF date: D:YYYYMMDDHHmmss+00'00' (UTC). */
export function pdfDate(iso: string): string {
  const d = new Date(iso).toISOString();
  return `D:${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}+00'00'`;
}

/** A PDF text string of any characters: UTF-16BE with its byte-order mark, in hex. */
export function pdfText(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** A PDF string literal or hex string at the start of `text`, or undefined. */
const STRING_VALUE = /^\s*(<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\()])*\))/;

/**
 * The PDF with its information dictionary replaced (its Title, Creator and Producer kept;
 * Subject, Keywords and both dates from the stamp), its trailer's /ID set to the document
 * id, and the cross-reference table moved by what that changed. Written for the classic
 * cross-reference table Chromium writes; refuses any other layout rather than guess.
 */
export function stampPdf(pdf: Buffer, stamp: PdfStamp): Buffer {
  if (!/^[0-9a-f]{32}$/i.test(stamp.documentId)) throw new Error('the document id must be 32 hex digits');
  const text = pdf.toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!startxref) throw new Error('not a PDF ending in startxref');
  const xrefAt = Number(startxref[1]);
  const trailerAt = text.indexOf('trailer', xrefAt);
  if (!text.startsWith('xref', xrefAt) || trailerAt < 0) throw new Error('the PDF has no classic cross-reference table');
  const trailerEnd = text.indexOf('startxref', trailerAt);
  const trailer = text.slice(trailerAt, trailerEnd);
  const infoRef = /\/Info\s+(\d+)\s+0\s+R/.exec(trailer);
  if (!infoRef) throw new Error('the PDF has no information dictionary');

  // The table: subsections "first count" and their 20-byte entries.
  const table = text.slice(xrefAt, trailerAt).split(/\r?\n/).filter(Boolean);
  const offsets = new Map<number, number>();
  let number = 0;
  for (const line of table.slice(1)) {
    const section = /^(\d+)\s+(\d+)$/.exec(line.trim());
    if (section) {
      number = Number(section[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
    if (!entry) throw new Error(`unreadable cross-reference entry "${line}"`);
    if (entry[3] === 'n') offsets.set(number, Number(entry[1]));
    number += 1;
  }
  const infoNumber = Number(infoRef[1]);
  const infoAt = offsets.get(infoNumber);
  if (infoAt === undefined) throw new Error('the information dictionary is not in the table');
  const infoEnd = text.indexOf('endobj', infoAt) + 'endobj'.length;
  const old = text.slice(infoAt, infoEnd);
  const kept = ['Title', 'Creator', 'Producer']
    .map((key) => {
      const at = old.indexOf(`/${key}`);
      const value = at < 0 ? undefined : STRING_VALUE.exec(old.slice(at + key.length + 1))?.[1];
      return value ? `/${key} ${value}\n` : '';
    })
    .join('');
  const date = `(${pdfDate(stamp.date)})`;
  const info =
    `${infoNumber} 0 obj\n<<${kept}/Subject ${pdfText(stamp.subject)}\n/Keywords ${pdfText(stamp.keywords)}\n` +
    `/CreationDate ${date}\n/ModDate ${date}>>\nendobj`;
  const delta = Buffer.byteLength(info, 'latin1') - (infoEnd - infoAt);

  const moved = (offset: number) => (offset > infoAt ? offset + delta : offset);
  // Every entry written back as 20 bytes: offset, generation, n or f, space, newline.
  const xref = table
    .map((line) => {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (!entry) return line;
      const offset = entry[3] === 'n' ? moved(Number(entry[1])) : Number(entry[1]);
      return `${String(offset).padStart(10, '0')} ${entry[2]} ${entry[3]} `;
    })
    .join('\n');
  const id = `<${stamp.documentId.toLowerCase()}>`;
  const newTrailer = /\/ID\s*\[[^\]]*\]/.test(trailer)
    ? trailer.replace(/\/ID\s*\[[^\]]*\]/, `/ID [${id} ${id}]`)
    : trailer.replace(/>>(\s*)$/, `\n/ID [${id} ${id}]>>$1`);
  const out =
    text.slice(0, infoAt) +
    info +
    text.slice(infoEnd, xrefAt) +
    `${xref}\n` +
    newTrailer +
    `startxref\n${moved(xrefAt)}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
