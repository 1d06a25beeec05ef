/** npm run compose: rewrites gateway/supergraph.graphql from the subgraphs' schemas. */
import { writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '../gateway/supergraph-path';
import { composeSupergraph } from './compose-supergraph';
import { commandLine } from './commands';

commandLine('compose');

composeSupergraph()
  .then((sdl) => {
    writeFileSync(SUPERGRAPH_PATH, sdl);
    console.log(`wrote ${SUPERGRAPH_PATH}`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
