/**
 * Where the composed supergraph lives: `npm run compose` (scripts/compose.ts) writes it, the
 * gateway reads it at start. Kept apart from composition, so the gateway loads no subgraph.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';

export const SUPERGRAPH_PATH = path.join(PROJECT_ROOT, 'gateway', 'supergraph.graphql');
