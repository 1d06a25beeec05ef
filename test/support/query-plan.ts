/**
 * What the gateway's query planner does with an operation, read from the checked-in
 * supergraph with the planner Apollo Gateway itself runs: which subgraphs it fetches
 * from, and which subgraph answers each root field.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type FieldNode, type ObjectTypeDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph-path';

const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const supergraph = Supergraph.build(sdl);
const planner = new QueryPlanner(supergraph);

function fetchesIn(node: unknown, into: string[]): string[] {
  if (Array.isArray(node)) node.forEach((n) => fetchesIn(n, into));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.kind === 'Fetch' && typeof record.serviceName === 'string') into.push(record.serviceName);
    else Object.values(record).forEach((v) => fetchesIn(v, into));
  }
  return into;
}

const planFetches = (query: string): string[] =>
  fetchesIn(planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query))).node, []);

/** The subgraphs the gateway's plan for `query` fetches from. */
export function plannedSubgraphs(query: string): Set<string> {
  return new Set(planFetches(query));
}

/** How many fetches the gateway's plan for `query` makes from each subgraph (at most: empty lists skip theirs). */
export function plannedFetches(query: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of planFetches(query)) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** For each root field of the query (by its response key), the subgraph that answers it. */
export function rootFieldSubgraphs(query: string): Record<string, string> {
  const root = parse(sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query',
  )!;
  const owner = new Map(
    root.fields!.map((f) => {
      const join = f.directives!.find((d) => d.name.value === 'join__field')!;
      const graph = join.arguments!.find((a) => a.name.value === 'graph')!.value;
      return [f.name.value, (graph as { value: string }).value.toLowerCase()];
    }),
  );
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return Object.fromEntries(
    operation.selectionSet.selections
      .filter((s): s is FieldNode => s.kind === Kind.FIELD && !s.name.value.startsWith('__'))
      .map((s) => [s.alias?.value ?? s.name.value, owner.get(s.name.value)!]),
  );
}
