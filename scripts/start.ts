/**
 * ipzone start (npm start): the whole hub in one process. SIGINT or SIGTERM (Ctrl-C, or a
 * process manager signalling the npm process, which passes it on: the npm script execs
 * this process, with no shell between) stops it in order — new requests refused, those in
 * flight finished, subgraphs, then the database — within STOP_DEADLINE_MS.
 */
import { folderHolder } from '../lib/hub-lock';
import { needsEmbeddedDatabase, type Settings, startupSettings } from '../lib/settings';
import { startHub } from '../hub';
import { ensurePortsFree } from '../lib/free-ports';
import { log } from '../lib/log';
import { commandLine } from './commands';

/** Process managers wait about 10 s before SIGKILL: by then the database must have stopped. */
const STOP_DEADLINE_MS = 8000;

const EXAMPLE = `{
  task(id: "T05") {
    content
    deadline
    leadOrganization { name nameEn }
    indicators { name targetValue unit owners { name } }
  }
  organizationByName(name: "市场监管局") { name leadTasks { id } }
}`;

/** What is on in this mode, one line each. */
function modeLines(settings: Settings): string[] {
  const { production, tokens } = settings;
  const callers = tokens.jwksUrl ? 'JWKS_URL (RS256)' : tokens.jwtPublicKey ? 'JWT_PUBLIC_KEY (RS256)' : 'JWT_SECRET (HS256)';
  return [
    production
      ? 'production: explorer and introspection off'
      : 'development: explorer and introspection on (NODE_ENV=production turns them off)',
    `reads ${settings.gateway.readsRequireToken ? 'need a token' : 'open to anyone'}; tokens verified with ${callers}`,
    `notification worker ${settings.indicators.notifications.enabled ? 'on' : 'off'}; log level ${settings.logLevel}`,
  ];
}

async function main(): Promise<void> {
  commandLine('start');
  const settings = await startupSettings(['gateway', 'subgraphs', 'database']);
  // A hub running on the same data folder is refused by the folder's lock, which names it; any other holder of a port here.
  if (!(needsEmbeddedDatabase(settings) && folderHolder(settings.embedded.dir)))
    await ensurePortsFree(settings.host, settings.ports);
  const hub = await startHub({ settings });
  const url = hub.gateway.url.replace('127.0.0.1', 'localhost');
  const database = hub.embedded ? `embedded PostgreSQL in ${settings.embedded.dir}` : 'the configured PostgreSQL';
  const explorer = settings.production ? '' : '  (open it in a browser for the explorer)';
  process.stdout.write(
    `\nipzone-hub is running on ${database}\n${modeLines(settings)
      .map((line) => `  ${line}\n`)
      .join('')}\n` +
      `  GraphQL gateway: ${url}${explorer}\n` +
      `  Dashboard:       ${url.replace(/\/graphql$/, '/dashboard')}  (synthetic demo figures: npm run demo)\n\n` +
      `Try:\n  curl -s ${url} -H 'content-type: application/json' \\\n    -d '${JSON.stringify({ query: EXAMPLE.replace(/\s+/g, ' ') })}'\n\nCtrl-C stops the hub.\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    setTimeout(() => {
      log.error('the hub did not stop in time: stopping the database and leaving', { ms: STOP_DEADLINE_MS });
      const database = hub.embedded ? hub.embedded.stop() : Promise.resolve();
      const leave = () => process.exit(1);
      database.then(leave, leave);
    }, STOP_DEADLINE_MS).unref();
    hub.stop().then(
      () => {
        // The banner's counterpart: a person at the terminal sees that everything stopped.
        const database = hub.embedded ? 'the embedded PostgreSQL too' : 'the configured PostgreSQL is left running';
        process.stdout.write(`ipzone-hub stopped (${database}).\n`, () => process.exit(0));
      },
      (error: unknown) => {
        log.error('stop failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
