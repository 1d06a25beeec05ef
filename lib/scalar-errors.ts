/**
 * Names the argument a scalar refused. graphql-js reports a literal the scalar refused
 * during validation (at its value) and a variable while coercing variables (at the
 * variable's definition, with the path inside it); neither says which argument it was.
 * This finds it in the document: `asOf`, `filter.overdueAsOf`.
 */
import { type ASTNode, type GraphQLError, Kind, parse, type ValueNode, visit } from 'graphql';

/** The first argument (with input object fields, dotted) whose value `matches`. */
function argumentWhere(document: ASTNode, matches: (value: ValueNode) => boolean): string | undefined {
  let found: string | undefined;
  const names: string[] = [];
  visit(document, {
    enter(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) {
        names.push(node.name.value);
        if (matches(node.value)) found ??= names.join('.');
      }
    },
    leave(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.pop();
    },
  });
  return found;
}

/** The field a refused scalar value was given for, when the error says where it was. */
export function refusedField(error: GraphQLError): string | undefined {
  const node = error.nodes?.[0];
  const source = error.source;
  if (!node?.loc || !source) return undefined;
  const document = parse(source);
  if (node.kind === Kind.VARIABLE_DEFINITION) {
    const variable = node.variable.name.value;
    const argument =
      argumentWhere(document, (value) => value.kind === Kind.VARIABLE && value.name.value === variable) ?? variable;
    // graphql-js writes the path inside the variable as: at "filter.overdueAsOf"
    const inner = new RegExp(`at "${variable}((?:\\.[^"]+|\\[\\d+\\])+)"`).exec(error.message)?.[1] ?? '';
    return argument + inner;
  }
  const start = node.loc.start;
  return argumentWhere(document, (value) => value.loc?.start === start);
}
