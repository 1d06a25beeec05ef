/**
 * npm run db: the embedded PostgreSQL on its own (the one `npm start` uses), for running
 * tests, seeds or another hub against it: prints DATABASE_URL=… and keeps running.
 * SIGHUP restarts the server (what an operator's restart looks like to the hub);
 * Ctrl-C or SIGTERM stops it. Holds the data folder's lock (lib/hub-lock.ts), as a hub does.
 * `ipzone db create`: creates the databases DATABASE_URL (and the subgraphs' own URLs) name
 * when they do not exist yet; a hub in production never creates one when it starts.
 */
import { SUBGRAPHS } from '../lib/config';
import { type Settings, startupSettings } from '../lib/settings';
import { ensureDatabase } from '../lib/db';
import { startEmbeddedDatabase } from '../lib/embedded-db';
import { lockFolder } from '../lib/hub-lock';
import { commandLine } from './commands';

async function create(settings: Settings): Promise<void> {
  const urls = new Set(SUBGRAPHS.map((name) => settings.databaseUrls[name]).filter((url) => url !== undefined));
  if (urls.size === 0) {
    process.stdout.write('no DATABASE_URL is set: the embedded PostgreSQL creates its own database when the hub starts\n');
    return;
  }
  for (const url of urls) {
    const where = new URL(url);
    const created = await ensureDatabase(url);
    process.stdout.write(`${created ? 'created' : 'exists: '} database "${where.pathname.slice(1)}" on ${where.host}\n`);
  }
}

async function main(): Promise<void> {
  const line = commandLine('db');
  const settings = await startupSettings([]);
  if (line.positionals[0] === 'create') return create(settings);
  const { dir, port } = settings.embedded;
  const options = { dir, port, password: settings.embedded.password(), secretsFile: settings.secretsFile };
  // Refused (FolderInUse, one line) while a hub or another `ipzone db` runs on the folder.
  const lock = lockFolder(options.dir, 'db');
  lock.update({ database: options.port });
  let db = await startEmbeddedDatabase(options);
  process.stdout.write(`DATABASE_URL=${db.url}\n`);
  let busy = Promise.resolve();
  process.on('SIGHUP', () => {
    busy = busy.then(async () => {
      await db.stop();
      process.stdout.write('stopped\n');
      db = await startEmbeddedDatabase(options);
      process.stdout.write('restarted\n');
    });
  });
  const stop = () => {
    busy
      .then(() => db.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
