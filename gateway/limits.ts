/**
 * The gateway's limits on a query, checked after it is parsed and validated and before
 * any subgraph is called: depth, cost, aliases, and rows in one push. Each refusal has
 * a stable code and HTTP status 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  GraphQLList,
  type GraphQLObjectType,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { config } from '../lib/config';
import { ErrorCode, hubError } from '../lib/errors';

/** How much a list multiplies the cost of what is selected inside it. */
export const LIST_FACTOR = 10;

export interface QueryMeasure {
  depth: number;
  cost: number;
  aliases: number;
}

function isList(field: GraphQLField<unknown, unknown> | undefined): boolean {
  return !!field && getNullableType(field.type) instanceof GraphQLList;
}

/** Depth, cost (each field 1, times LIST_FACTOR for every list above it) and aliases of an operation. */
export function measure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): QueryMeasure {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  let aliases = 0;
  const walk = (
    set: SelectionSetNode,
    type: GraphQLObjectType | null,
    depth: number,
    weight: number,
    seen: Set<string>,
  ): { depth: number; cost: number } => {
    let deepest = depth;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const field = type?.getFields()[selection.name.value];
        cost += weight;
        if (selection.selectionSet) {
          const named = field ? getNamedType(field.type) : null;
          const inner = walk(
            selection.selectionSet,
            named && isObjectType(named) ? named : null,
            depth + 1,
            weight * (isList(field) ? LIST_FACTOR : 1),
            seen,
          );
          deepest = Math.max(deepest, inner.depth);
          cost += inner.cost;
        }
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        const inner = walk(
          fragment.selectionSet,
          condition && isObjectType(condition) ? condition : type,
          depth,
          weight,
          selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen,
        );
        deepest = Math.max(deepest, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: deepest, cost };
  };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? null
        : schema.getQueryType();
  const result = walk(operation.selectionSet, root ?? null, 1, 1, new Set());
  return { ...result, aliases };
}

/** Rows of every pushFigures in the operation, from a literal list or the variable it names. */
export function pushRows(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  let rows = 0;
  const count = (value: ValueNode | undefined): number => {
    if (!value) return 0;
    if (value.kind === Kind.VARIABLE) {
      const input = variables[value.name.value] as { figures?: unknown[] } | undefined;
      return Array.isArray(input?.figures) ? input.figures.length : 0;
    }
    if (value.kind === Kind.OBJECT) {
      const figures = value.fields.find((f) => f.name.value === 'figures')?.value;
      if (figures?.kind === Kind.LIST) return figures.values.length;
      if (figures?.kind === Kind.VARIABLE)
        return Array.isArray(variables[figures.name.value]) ? (variables[figures.name.value] as unknown[]).length : 0;
    }
    return 0;
  };
  // Top-level fields, also inside inline fragments and fragment spreads on the mutation type.
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'pushFigures')
          rows += count(selection.arguments?.find((a) => a.name.value === 'input')?.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return rows;
}

/** An introspection query (explorers and tools ask it; production turns introspection off). */
function isIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

const refuse = (code: string, message: string) => hubError(code as ErrorCode, message, { http: { status: 400 } });

export function limitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (!operation || isIntrospection(operation)) return;
          const { depth, cost, aliases } = measure(schema, document, operation);
          if (depth > config.maxQueryDepth())
            throw refuse(ErrorCode.QUERY_TOO_DEEP, `the query nests ${depth} levels deep; at most ${config.maxQueryDepth()}`);
          if (aliases > config.maxAliases())
            throw refuse(ErrorCode.TOO_MANY_ALIASES, `the query uses ${aliases} aliases; at most ${config.maxAliases()}`);
          if (cost > config.maxQueryCost())
            throw refuse(ErrorCode.QUERY_TOO_COMPLEX, `the query costs ${cost}; at most ${config.maxQueryCost()}`);
          const rows = pushRows(document, operation, request.variables ?? {});
          if (rows > config.maxPushRows())
            throw refuse(ErrorCode.BATCH_TOO_LARGE, `one push takes at most ${config.maxPushRows()} figures; got ${rows}`);
        },
      };
    },
  };
}
