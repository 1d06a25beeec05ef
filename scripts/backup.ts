/**
 * ipzone backup FILE: writes every subgraph's data (the plan, figures with every
 * revision, locks and their audit, baselines, formulas, progress reports, idempotency
 * records, the migrations applied) to FILE, in the format of lib/backup.ts. Works on a
 * running hub (its embedded database is shared, each database read in one snapshot) or
 * a stopped one (the embedded database is started for the backup and stopped after).
 */
import { Client } from 'pg';
import { writeBackup, type BackupSource } from '../lib/backup';
import { DB_SCHEMAS, SUBGRAPHS } from '../lib/config';
import { startupSettings } from '../lib/settings';
import { prepareDatabase } from '../hub';
import { commandLine } from './commands';

async function main(): Promise<void> {
  const [file] = commandLine('backup').positionals;
  const { embedded, settings } = await prepareDatabase(await startupSettings(['database']), { command: 'backup', online: true });
  const clients = new Map<string, Client>();
  try {
    const sources: BackupSource[] = [];
    for (const name of SUBGRAPHS) {
      const url = settings.databaseUrls[name]!;
      if (!clients.has(url)) {
        const client = new Client({ connectionString: url, application_name: 'ipzone-backup' });
        await client.connect();
        clients.set(url, client);
      }
      sources.push({ subgraph: name, schema: DB_SCHEMAS[name], client: clients.get(url)! });
    }
    const counts = await writeBackup(file, sources);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stderr.write(`backed up ${Object.keys(counts).length} tables, ${rows.toLocaleString('en')} rows, into ${file}\n`);
  } finally {
    for (const client of clients.values()) await client.end().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`backup failed: ${(error as Error).message}\n`);
  process.exit(2);
});
