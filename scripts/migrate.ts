/**
 * npm run migrate: brings each subgraph's schema up to date, and nothing else. On a running
 * hub's embedded data folder it works through that hub's database, online.
 */
import { SUBGRAPHS } from '../lib/config';
import { openStore } from '../lib/db';
import { prepareDatabase } from '../hub';
import { subgraphDefinitions } from '../subgraphs';
import { commandLine } from './commands';

import { startupSettings } from '../lib/settings';

async function main(): Promise<void> {
  commandLine('migrate');
  const { embedded, settings } = await prepareDatabase(await startupSettings(['database']), { command: 'migrate', online: true });
  try {
    for (const name of SUBGRAPHS) {
      const store = await openStore({ name, ...subgraphDefinitions[name].store }, settings);
      const applied: Array<{ name: string }> = await store.dataSource.query('SELECT name FROM migrations ORDER BY id');
      const now = store.migrated.length > 0 ? `applied now: ${store.migrated.join(', ')}` : 'up to date';
      console.log(`${name.padEnd(14)} ${now} (${applied.length} migrations in all: ${applied.map((m) => m.name).join(', ')})`);
      await store.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
