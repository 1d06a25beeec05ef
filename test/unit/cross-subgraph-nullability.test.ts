/**
 * A subgraph that is down costs only its own fields, by construction of the schema: the
 * gateway sets what a stopped subgraph should have answered to null, and a null in a
 * non-null field spreads to the nearest nullable field above it. So every field where
 * the gateway may have to go to another subgraph is nullable: each field of Query, and
 * each field whose object has a non-null field the field's own subgraph cannot resolve.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { SUPERGRAPH_PATH } from '../../gateway/compose';

const definitions = parse(readFileSync(SUPERGRAPH_PATH, 'utf8')).definitions;
const objects = new Map(
  definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]),
);

const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));
const argument = (directive: { arguments?: readonly { name: { value: string }; value: unknown }[] }, name: string) =>
  directive.arguments?.find((a) => a.name.value === name)?.value as { value: string | boolean } | undefined;

function typeGraphs(type: ObjectTypeDefinitionNode): string[] {
  return (type.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => String(argument(d, 'graph')!.value));
}

/** The subgraphs that resolve a field by themselves (not @external, nothing @required from elsewhere). */
function fieldGraphs(type: ObjectTypeDefinitionNode, field: FieldDefinitionNode): string[] {
  const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
  if (joins.length === 0) return typeGraphs(type);
  return joins
    .filter((d) => argument(d, 'external')?.value !== true && !argument(d, 'requires'))
    .map((d) => String(argument(d, 'graph')!.value));
}

function crossingFields(): Array<{ field: string; type: string; reason: string }> {
  const found: Array<{ field: string; type: string; reason: string }> = [];
  for (const [name, type] of objects) {
    if (name === 'Mutation') continue;
    for (const field of type.fields ?? []) {
      const printed = `${name}.${field.name.value}`;
      const target = objects.get(named(field.type));
      if (name === 'Query') {
        found.push({ field: printed, type: field.type.kind, reason: 'a root field' });
        continue;
      }
      if (!target) continue;
      for (const graph of fieldGraphs(type, field)) {
        const elsewhere = (target.fields ?? []).find(
          (f) => f.type.kind === Kind.NON_NULL_TYPE && !fieldGraphs(target, f).includes(graph),
        );
        if (elsewhere) {
          found.push({
            field: printed,
            type: field.type.kind,
            reason: `${graph} resolves it, not ${target.name.value}.${elsewhere.name.value}`,
          });
        }
      }
    }
  }
  return found;
}

it('finds the fields that cross subgraphs', () => {
  const fields = crossingFields().map((f) => f.field);
  // References to another subgraph's entity, from each subgraph.
  expect(fields).toEqual(
    expect.arrayContaining([
      'ReportingCompleteness.organization',
      'FigureRevision.recordedByOrganization',
      'Indicator.owners',
      'Indicator.tasks',
      'Task.leadOrganization',
      'TaskReport.organization',
      'Query.organizations',
      'Query.tasks',
      'Query.scoreboard',
    ]),
  );
});

it('every field that crosses subgraphs is nullable, so a subgraph down costs only its own fields', () => {
  const nonNull = crossingFields().filter((f) => f.type === Kind.NON_NULL_TYPE);
  expect(nonNull.map((f) => `${f.field} (${f.reason})`)).toEqual([]);
});
