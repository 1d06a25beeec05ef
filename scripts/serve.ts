/**
 * Runs one service of the hub, as the containers of docker-compose.yml do:
 *   node dist/scripts/serve.js gateway|organizations|tasks|indicators
 * A subgraph migrates its own schema (and seeds it when empty and SEED is not "false").
 * Each service loads only its own code: the gateway no subgraph, database or ORM module.
 */
import { SUBGRAPHS, type SubgraphName } from '../lib/config';
import { startupSettings } from '../lib/settings';
import { log } from '../lib/log';
import type { RunningService } from '../lib/server';
import { commandLine } from './commands';

async function main(service: string | undefined): Promise<void> {
  const settings = await startupSettings(service === 'gateway' ? ['gateway'] : ['subgraphs', 'database']);
  let running: RunningService;
  if (service === 'gateway') {
    const { startGateway } = await import('../gateway');
    running = await startGateway(settings);
  } else if (SUBGRAPHS.includes(service as SubgraphName)) {
    const name = service as SubgraphName;
    const url = settings.databaseUrls[name];
    if (!url) throw new Error(`set DATABASE_URL or ${name.toUpperCase()}_DATABASE_URL`);
    const [{ ensureDatabase }, { startSubgraph }, { subgraphDefinitions }] = await Promise.all([
      import('../lib/db'),
      import('../lib/subgraph'),
      import('../subgraphs'),
    ]);
    await ensureDatabase(url, { create: !settings.production });
    running = await startSubgraph(subgraphDefinitions[name], settings);
  } else {
    throw new Error(`usage: serve.js gateway|${SUBGRAPHS.join('|')}`);
  }
  log.info('listening', { service: running.name, url: running.url });
  const stop = (signal: string) => {
    log.info('draining', { service: running.name, signal });
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main(commandLine('serve').positionals[0]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
