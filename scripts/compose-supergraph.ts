/**
 * Composes the supergraph from the three subgraphs' schemas with @apollo/composition
 * (the library rover uses), in process: no subgraph needs to be running. `npm run compose`
 * writes the result to gateway/supergraph.graphql, the file the gateway serves.
 */
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { DEFAULT_PORTS, SUBGRAPHS } from '../lib/config';
import { subgraphDefinitions } from '../subgraphs';

export async function composeSupergraph(): Promise<string> {
  const services = [];
  for (const name of SUBGRAPHS) {
    const schema = await subgraphDefinitions[name].schema();
    services.push({
      name,
      typeDefs: parse(printSubgraphSchema(schema)),
      // The default address; the gateway calls the configured URL of each subgraph by name.
      url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    });
  }
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return `${result.supergraphSdl.trimEnd()}\n`;
}
