import type { EmbeddedDatabase } from '../../lib/embedded-db';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __embeddedDatabase?: EmbeddedDatabase }).__embeddedDatabase?.stop();
}
