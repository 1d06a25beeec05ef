/**
 * A subgraph that is down costs only its own fields, by construction of the schema: the
 * gateway sets what a stopped subgraph should have answered to null, and a null in a
 * non-null field spreads to the nearest nullable field above it. So every field where
 * the gateway may have to go to another subgraph is nullable: each field of Query, each
 * field a subgraph adds to another's entity, and each field whose object has a non-null
 * field the field's own subgraph cannot resolve (a reference to another's entity).
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph-path';

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

/** The subgraph each entity belongs to: the others only reference it or add fields to it. */
const HOME: Record<string, string> = { Organization: 'ORGANIZATIONS', Task: 'TASKS', Section: 'TASKS', Indicator: 'INDICATORS' };

const keyFields = (type: ObjectTypeDefinitionNode): Set<string> =>
  new Set(
    (type.directives ?? [])
      .filter((d) => d.name.value === 'join__type' && argument(d, 'key'))
      .flatMap((d) => String(argument(d, 'key')!.value).split(/\s+/)),
  );

interface Crossing {
  field: string;
  type: Kind;
  reason: string;
}

function crossingFields(): Crossing[] {
  const found: Crossing[] = [];
  for (const [name, type] of objects) {
    if (name === 'Mutation') continue;
    const keys = keyFields(type);
    for (const field of type.fields ?? []) {
      const printed = `${name}.${field.name.value}`;
      const add = (reason: string) => found.push({ field: printed, type: field.type.kind, reason });
      if (name === 'Query') {
        add('a root field');
        continue;
      }
      // A field another subgraph adds to an entity.
      const graphs = fieldGraphs(type, field);
      if (HOME[name] && !keys.has(field.name.value) && !graphs.includes(HOME[name]))
        add(`added to ${name} by ${graphs.join(', ')}`);
      // A reference to an object some of whose non-null fields the field's own subgraph cannot resolve.
      const target = objects.get(named(field.type));
      for (const graph of target ? graphs : []) {
        const elsewhere = target!.fields!.find(
          (f) => f.type.kind === Kind.NON_NULL_TYPE && !fieldGraphs(target!, f).includes(graph),
        );
        if (elsewhere) add(`${graph} resolves it, not ${target!.name.value}.${elsewhere.name.value}`);
      }
    }
  }
  return found;
}

it('knows the home subgraph of every entity', () => {
  const entities = [...objects.values()].filter((t) => keyFields(t).size > 0).map((t) => t.name.value);
  expect(entities.sort()).toEqual(Object.keys(HOME).sort());
});

it('finds the fields that cross subgraphs', () => {
  expect(crossingFields().map((f) => f.field)).toEqual(
    expect.arrayContaining([
      // References to another subgraph's entity, from each subgraph.
      'ReportingCompleteness.organization',
      'FigureRevision.recordedByOrganization',
      'Indicator.owners',
      'Indicator.tasks',
      'Task.leadOrganization',
      'TaskReport.organization',
      // Fields added to another subgraph's entity.
      'Organization.taskScorecard',
      'Organization.indicators',
      'Task.indicators',
      'Section.kpiSummary',
      // Root fields.
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
