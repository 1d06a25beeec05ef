/** The three subgraphs by name. */
import type { SubgraphName } from '../lib/config';
import type { SubgraphDefinition } from '../lib/subgraph';
import { indicatorsSubgraph } from './indicators';
import { organizationsSubgraph } from './organizations';
import { tasksSubgraph } from './tasks';

export const subgraphDefinitions: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  organizations: organizationsSubgraph,
  tasks: tasksSubgraph,
  indicators: indicatorsSubgraph,
};
