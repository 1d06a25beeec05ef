/**
 * The parts of a ZIP archive (an .xlsx workbook is one), read without trusting the sizes
 * it declares: the central directory says where each part lies, and a part is inflated
 * as a stream whose bytes are counted as they come, so that an archive claiming a few
 * kilobytes that unpacks to gigabytes stops at the budget's limit. Parts nobody opens are
 * never inflated.
 */
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type { ReadBudget } from './read-limits';

/** An archive whose directory or parts cannot be found where it says. */
export class ZipReadError extends Error {}

interface ZipEntry {
  name: string;
  method: number;
  /** The size the directory declares: believed by nothing but a quick refusal. */
  declaredSize: number;
  /** Where the part's compressed bytes begin and end in the archive. */
  start: number;
  end: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const [STORED, DEFLATED] = [0, 8];

function entryAt(bytes: Buffer, at: number): ZipEntry & { next: number } {
  if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) {
    throw new ZipReadError('its ZIP directory cannot be read');
  }
  const method = bytes.readUInt16LE(at + 10);
  const compressed = bytes.readUInt32LE(at + 20);
  const nameLength = bytes.readUInt16LE(at + 28);
  const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  const name = bytes.toString('utf8', at + 46, Math.min(bytes.length, at + 46 + nameLength));
  const local = bytes.readUInt32LE(at + 42);
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_HEADER) {
    throw new ZipReadError(`the part ${name.slice(0, 80)} is not where the ZIP directory says`);
  }
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + compressed > bytes.length) throw new ZipReadError(`the part ${name.slice(0, 80)} is cut short`);
  return { name, method, declaredSize: bytes.readUInt32LE(at + 24), start, end: start + compressed, next };
}

/** The parts an archive's central directory lists, by name. */
export function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  // The end-of-central-directory record: at least 22 bytes from the end, before a comment of up to 64 KiB.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const entries = new Map<string, ZipEntry>();
    let next = bytes.readUInt32LE(at + 16);
    for (let i = bytes.readUInt16LE(at + 10); i > 0; i -= 1) {
      const entry = entryAt(bytes, next);
      entries.set(entry.name, entry);
      next = entry.next;
    }
    return entries;
  }
  throw new ZipReadError('its ZIP directory cannot be read');
}

/**
 * A part's unpacked bytes as a stream of UTF-8 text (a character split between two
 * inflated pieces is kept whole); every byte is counted by `budget`, and the stream
 * fails with the budget's ReadLimitError once past its limit.
 */
export function openEntry(bytes: Buffer, entry: ZipEntry, budget: ReadBudget): Readable {
  const compressed = Readable.from([bytes.subarray(entry.start, entry.end)], { objectMode: false });
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        budget.unpackedBytes(chunk.length);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
  count.setEncoding('utf8');
  const fail = (error: Error) => count.destroy(error);
  if (entry.method === STORED) return compressed.on('error', fail).pipe(count);
  if (entry.method !== DEFLATED)
    throw new ZipReadError(`the part ${entry.name.slice(0, 80)} is compressed in a way .xlsx files are not`);
  const inflate = createInflateRaw();
  inflate.on('error', () => fail(new ZipReadError(`the part ${entry.name.slice(0, 80)} is damaged`)));
  count.on('close', () => inflate.destroy());
  return compressed.pipe(inflate).pipe(count);
}
