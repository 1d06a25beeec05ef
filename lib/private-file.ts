/**
 * Files as sensitive as what they hold (tokens, backups): created readable and writable by
 * their owner only (0600), and put in place whole. The content is written to a new file
 * next to the target (opened with O_EXCL, mode 0600), which then takes the target's name
 * in one rename: a reader never sees a partial file, and a file that existed before is
 * replaced, not rewritten in place (so it cannot keep wider permissions).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fileProblem } from './command-line';

const PRIVATE_MODE = 0o600;

export interface PrivateFile {
  handle: FileHandle;
  /** Gives the written file its name (closing it first). */
  commit(): Promise<void>;
  /** Closes and removes the partial file. */
  discard(): Promise<void>;
}

/** Opens the partial file of `file`; a missing folder or a refused one is one clear line. */
export async function createPrivateFile(file: string): Promise<PrivateFile> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  let handle: FileHandle;
  try {
    handle = await open(partial, 'wx', PRIVATE_MODE);
  } catch (error) {
    throw fileProblem('write', file, error);
  }
  // A stream written through the handle closes it when it ends (FileHandle emits 'close').
  let closed = false;
  (handle as unknown as NodeJS.EventEmitter).on('close', () => (closed = true));
  const close = async () => {
    if (!closed) await handle.close().catch(() => undefined);
    closed = true;
  };
  return {
    handle,
    async commit() {
      if (closed) {
        // Closed by its stream: opened again to reach the disk before it takes the name.
        const again = await open(partial, 'r');
        await again.sync().finally(() => again.close());
      } else await handle.sync();
      await close();
      try {
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw fileProblem('write', file, error);
      }
    },
    async discard() {
      await close();
      await rm(partial, { force: true });
    },
  };
}

/** Writes `content` to `file`, 0600, replacing it whole. */
export async function writePrivateFile(file: string, content: string | Buffer): Promise<void> {
  const created = await createPrivateFile(file);
  try {
    await created.handle.writeFile(content);
  } catch (error) {
    await created.discard();
    throw error;
  }
  await created.commit();
}
