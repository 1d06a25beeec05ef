/**
 * The gateway's limits on a query. Every operation is held to them, introspection
 * included, and each is checked as early as it can be:
 *
 * - tokens, while the document is parsed (graphql-js stops reading past the limit);
 * - depth, aliases and directives (graphql-armor's rules), cost and repeated fields (the
 *   hub's own, query-measures.ts), all before graphql-js's own validation walks the
 *   document: the first limit passed refuses it and nothing else is walked;
 * - the length of list arguments with a declared limit (lib/list-limits.ts: rows in one
 *   push), once the variables are known.
 *
 * Each refusal has a stable code and HTTP status 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
  visit,
  visitInParallel,
} from 'graphql';
import { ErrorCode, hubError } from '../lib/errors';
import { asGraphQLError, formatError } from '../lib/format-error';
import type { ListArgumentLimit } from '../lib/list-limits';
import type { QueryLimits } from '../lib/settings';
import { type Fragments, fragmentsOf, overRepeated, queryCost } from './query-measures';

/** The codes of the limits checked during validation (graphql-js reports them as validation errors). */
const VALIDATION_LIMIT_CODES = new Set<string>([
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.QUERY_TOO_COMPLEX,
]);

/** An empty document: returned in place of the refused one, it leaves graphql-js's own rules nothing to walk. */
const NOTHING: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/** Parse options of the gateway: the token limit. */
export const parseOptions = (limits: QueryLimits) => ({ maxTokens: limits.maxQueryTokens });

/** The graphql-armor rules, each reporting its refusal with the hub's code through its onReject hook. */
function armorChecks(limits: QueryLimits, context: ValidationContext, refuse: (code: ErrorCode, message: string) => void) {
  const hooks = (code: ErrorCode) => ({
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(_: unknown, error: GraphQLError) => refuse(code, error.message.replace(/^Syntax Error: /, ''))],
  });
  return [
    maxDepthRule({
      n: limits.maxQueryDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      ...hooks(ErrorCode.QUERY_TOO_DEEP),
    })(context),
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...hooks(ErrorCode.TOO_MANY_ALIASES) })(context),
    maxDirectivesRule({ n: limits.maxDirectives, ...hooks(ErrorCode.TOO_MANY_DIRECTIVES) })(context),
  ];
}

/** The hub's cost and repeated-field limits of one operation; the reason it is refused, or null. */
function hubChecks(
  limits: QueryLimits,
  context: ValidationContext,
  fragments: Fragments,
  operation: OperationDefinitionNode,
): string | null {
  const schema = context.getSchema();
  const root =
    operation.operation === OperationTypeNode.MUTATION
      ? schema.getMutationType()
      : operation.operation === OperationTypeNode.QUERY
        ? schema.getQueryType()
        : null;
  const limit = limits.maxQueryCost;
  const cost = queryCost(schema, fragments, operation.selectionSet, root ?? null, limit);
  if (cost > limit)
    return Number.isFinite(cost) ? `the query costs ${cost}; at most ${limit}` : `the query costs more than ${limit}`;
  const repeated = overRepeated(fragments, operation.selectionSet, limits.maxFieldRepeats);
  if (repeated)
    return `the field "${repeated.field}" is selected more than ${limits.maxFieldRepeats} times at one place (fragments included)`;
  return null;
}

/**
 * One validation rule that checks every limit when the document is entered, before any
 * of graphql-js's rules walks a selection set. A refused document is reported with the
 * limit's code and the walk ends there.
 */
export function limitsRule(limits: QueryLimits): ValidationRule {
  return (context) => {
    let refusal: GraphQLError | null = null;
    const refuse = (code: ErrorCode, message: string) => {
      refusal ??= asGraphQLError(hubError(code, message));
    };
    const armor = visitInParallel(armorChecks(limits, context, refuse));
    return {
      Document: {
        enter(document) {
          const fragments = fragmentsOf(document);
          for (const operation of document.definitions) {
            if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
            visit(operation, armor);
            if (refusal) break;
            const reason = hubChecks(limits, context, fragments, operation);
            if (reason) refuse(ErrorCode.QUERY_TOO_COMPLEX, reason);
            if (refusal) break;
          }
          if (!refusal) return undefined;
          context.reportError(refusal);
          return NOTHING;
        },
      },
    };
  };
}

/**
 * A number written in the query that is not finite as a double (`1e400`, or an integer of
 * 400 digits given for a Float) is the caller's error: refused as BAD_USER_INPUT (HTTP 400,
 * `field` naming its argument) before the query is planned, since graphql-js's Float takes
 * it as Infinity.
 */
export function finiteNumbersRule(): ValidationRule {
  return (context) => ({
    Document: {
      enter(document) {
        let refused: ValueNode | undefined;
        const check = (node: ValueNode & { value: string }) => {
          refused ??= Number.isFinite(Number(node.value)) ? undefined : node;
        };
        visit(document, { FloatValue: check, IntValue: check });
        if (!refused) return undefined;
        const shown = (refused as { value: string }).value;
        context.reportError(
          new GraphQLError(`${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown} is not a finite number`, {
            nodes: refused,
            extensions: { code: ErrorCode.BAD_USER_INPUT },
          }),
        );
        return NOTHING;
      },
    },
  });
}

const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/**
 * The gateway's error formatting: a limit refused during parsing or validation keeps its
 * own code (Apollo Server reports them as GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED),
 * then the hub's formatting applies.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as GraphQLError | undefined)?.originalError as GraphQLError | undefined;
  const code = original?.extensions?.code;
  if (
    formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' &&
    typeof code === 'string' &&
    VALIDATION_LIMIT_CODES.has(code)
  ) {
    return formatError({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
  }
  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    return formatError(
      {
        message: `the query has more than ${tokens[1]} tokens (names, punctuation and values); at most ${tokens[1]}`,
        extensions: { ...formatted.extensions, code: ErrorCode.TOO_MANY_TOKENS },
      },
      error,
    );
  }
  return formatError(formatted, error);
}

/** Items of `limit`'s list in every matching root field of the operation; each fragment counted once. */
function listArgumentSize(
  limit: Pick<ListArgumentLimit, 'field' | 'argument' | 'list'>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = fragmentsOf(document);
  const count = (value: ValueNode | undefined): number => {
    if (!value) return 0;
    if (value.kind === Kind.VARIABLE) {
      const input = variables[value.name.value] as Record<string, unknown> | undefined;
      const items = input?.[limit.list];
      return Array.isArray(items) ? items.length : 0;
    }
    if (value.kind === Kind.OBJECT) {
      const items = value.fields.find((f) => f.name.value === limit.list)?.value;
      if (items?.kind === Kind.LIST) return items.values.length;
      if (items?.kind === Kind.VARIABLE)
        return Array.isArray(variables[items.name.value]) ? (variables[items.name.value] as unknown[]).length : 0;
    }
    return 0;
  };
  // A fragment's items; 0 while it is being counted (a cycle, which validation refuses).
  const counted = new Map<string, number>();
  // Top-level fields, also inside inline fragments and fragment spreads on the root type.
  const visitSet = (set: SelectionSetNode): number => {
    let items = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === limit.field)
          items += count(selection.arguments?.find((a) => a.name.value === limit.argument)?.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        items += visitSet(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (!counted.has(name)) {
          counted.set(name, 0);
          const fragment = fragments.get(name);
          counted.set(name, fragment ? visitSet(fragment.selectionSet) : 0);
        }
        items += counted.get(name)!;
      }
    }
    return items;
  };
  return visitSet(operation.selectionSet);
}

const refuse = (code: ErrorCode, message: string) => asGraphQLError(hubError(code, message, { http: { status: 400 } }));

/** The list-argument limits, which need the request's variables. */
export function limitsPlugin(limits: readonly ListArgumentLimit[], settings: { maxPushRows: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          for (const limit of limits) {
            const items = listArgumentSize(limit, document, operation, request.variables ?? {});
            const max = limit.max(settings);
            if (items > max) throw refuse(limit.code, limit.message(max, items));
          }
        },
      };
    },
  };
}
