/**
 * npm run seed: writes the plan of seeds/ through each subgraph's own store (migrating
 * first). Idempotent: a second run reports everything unchanged. With no database
 * configured it uses the embedded one, as npm start does: a running hub's, online.
 */
import { SUBGRAPHS } from '../lib/config';
import { openStore } from '../lib/db';
import { prepareDatabase } from '../hub';
import { subgraphDefinitions } from '../subgraphs';
import { commandLine } from './commands';

import { startupSettings } from '../lib/settings';

async function main(): Promise<void> {
  commandLine('seed');
  const { embedded, settings } = await prepareDatabase(await startupSettings(['database']), { command: 'seed', online: true });
  try {
    for (const name of SUBGRAPHS) {
      const store = await openStore({ name, ...subgraphDefinitions[name].store }, settings);
      try {
        const counts = await subgraphDefinitions[name].seed(store);
        console.log(`${name.padEnd(14)} ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged`);
      } finally {
        await store.close();
      }
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
