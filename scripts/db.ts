/**
 * npm run db: the embedded PostgreSQL on its own (the one `npm start` uses), for running
 * tests, seeds or another hub against it: prints DATABASE_URL=… and keeps running.
 * SIGHUP restarts the server (what an operator's restart looks like to the hub);
 * Ctrl-C or SIGTERM stops it. Holds the data folder's lock (lib/hub-lock.ts), as a hub does.
 */
import { config } from '../lib/config';
import { startEmbeddedDatabase } from '../lib/embedded-db';
import { lockFolder } from '../lib/hub-lock';
import { commandLine } from './commands';

async function main(): Promise<void> {
  commandLine('db');
  const options = { dir: config.embeddedDir(), port: config.embeddedPort() };
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
