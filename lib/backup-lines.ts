/**
 * The lines of a backup file (format of lib/backup.ts) read back one at a time, gunzipped
 * as they stream; those the reader is asked to hash are counted in the SHA-256 of the
 * whole file (and of their table's rows) that the trailer is checked against. A file that
 * cannot be read, is no gzip file or ends early is refused in one clear line.
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { END_OF_TABLE } from './backup';
import { fileProblem } from './command-line';

/** Reads lines of a backup file one at a time (the rows of a table are streamed to COPY). */
export class BackupReader {
  line = 0;
  readonly whole = createHash('sha256');
  private last = '';

  private constructor(private readonly lines: AsyncIterator<string>) {}

  /** Opens `file`; a file that cannot be read is one clear line. */
  static async open(file: string): Promise<BackupReader> {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      throw fileProblem('read', file, error);
    }
    const gunzip = createGunzip();
    const input = handle.createReadStream();
    input.on('error', (error) => gunzip.destroy(error));
    gunzip.on('error', () => undefined); // reported by the line reader below
    const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
    const iterator = lines[Symbol.asyncIterator]();
    return new BackupReader({
      next: () =>
        iterator.next().catch((error: Error & { code?: string }) => {
          throw new Error(
            error.code?.startsWith('Z_')
              ? 'the backup is not a gzip file, or it is damaged'
              : `cannot read ${file}: ${error.message}`,
          );
        }),
    });
  }

  async next(): Promise<string> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`the backup ends early, after line ${this.line}: it is incomplete`);
    this.line += 1;
    this.last = value;
    return value;
  }

  /** Counts the line read last in the whole file's hash. */
  hashLast(): void {
    this.whole.update(`${this.last}\n`);
  }

  /** The next line, counted in the whole file's hash (and a table's, when given). */
  async hashed(table?: Hash): Promise<string> {
    const text = await this.next();
    this.whole.update(`${text}\n`);
    if (text !== END_OF_TABLE) table?.update(`${text}\n`);
    return text;
  }

  async json<T>(hashed = true): Promise<T> {
    const text = hashed ? await this.hashed() : await this.next();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`line ${this.line} of the backup is not what the format expects: it is damaged`);
    }
  }
}
