/**
 * The hub's query measures: list-weighted cost with each fragment measured once and the
 * walk stopped once the limit is passed, and the field selected most often at one place.
 */
import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { fragmentsOf, overRepeated, queryCost } from '../../gateway/query-measures';

const schema = buildSchema(`
  type Query { tasks: [Task!]! task(id: ID!): Task plan: Plan }
  type Task { id: ID! lead: Org units: [Org!]! }
  type Org { name: String! tasks: [Task!]! }
  type Plan { title: String! }
`);

function measure(query: string, limit = 50_000) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  // Counts how often a fragment is looked up: once per fragment when each is measured once.
  const lookups = new Map<string, number>();
  const fragments = fragmentsOf(document) as Map<string, FragmentDefinitionNode>;
  const get = fragments.get.bind(fragments);
  fragments.get = (name: string) => {
    lookups.set(name, (lookups.get(name) ?? 0) + 1);
    return get(name);
  };
  const cost = queryCost(schema, fragments, operation.selectionSet, schema.getQueryType()!, limit);
  return { cost, lookups: [...lookups.values()].reduce((a, b) => a + b, 0) };
}

const doubling = (levels: number, leaf: string) =>
  `{ ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F${levels} on Query { ${leaf} }`;

it('each field costs 1, times 10 under every list above it', () => {
  // tasks 1 + 10 × (id 1 + units 1 + 10 × (name 1)) = 121; plan 1 + title 1.
  expect(measure('{ tasks { id units { name } } plan { title } }').cost).toBe(123);
  expect(measure('{ task(id: "T01") { lead { name } } }').cost).toBe(3);
});

it('fragments and inline fragments cost what they select, where they are spread', () => {
  expect(measure('{ tasks { ...T } } fragment T on Task { id units { name } }').cost).toBe(121);
  expect(measure('{ tasks { ... on Task { id units { name } } } }').cost).toBe(121);
});

it('a fragment spread twice at each of 12 levels is measured once each: 13 lookups for 2^12 expansions', () => {
  const { cost, lookups } = measure(doubling(12, 'plan { title }'));
  expect(cost).toBe(2 ** 12 * 2);
  expect(lookups).toBe(13);
});

it('60 levels of doubling (2^60 expansions) are refused at once: the walk stops when the limit is passed', () => {
  const { cost, lookups } = measure(doubling(60, 'tasks { id }'));
  expect(cost).toBe(Infinity);
  expect(lookups).toBeLessThanOrEqual(61);
});

it('a cycle of fragments does not loop (validation names it)', () => {
  expect(measure('{ tasks { ...A } } fragment A on Task { units { tasks { ...A } } }').cost).toBeLessThan(Infinity);
});

describe('the field selected most often at one place', () => {
  const repeated = (query: string, limit = 20) => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return overRepeated(fragmentsOf(document), operation.selectionSet, limit);
  };

  it('counts one field across direct selections, inline fragments and fragments', () => {
    expect(repeated(`{ ${'plan { title } '.repeat(21)}}`)).toEqual({ field: 'plan', times: 21 });
    expect(repeated(`{ ${'plan { title } '.repeat(20)}}`)).toBeNull();
    expect(repeated(`{ plan { title } ... on Query { plan { title } } ...P } fragment P on Query { plan { title } }`, 2)).toEqual(
      {
        field: 'plan',
        times: 3,
      },
    );
  });

  it('counts nested copies at the place they merge into', () => {
    let nested = 'name';
    for (let i = 0; i < 5; i += 1) nested = `lead { tasks { ${nested} } } lead { tasks { ${nested} } }`;
    expect(repeated(`{ task(id: "T01") { ${nested} } }`)).toEqual({ field: 'lead', times: 21 });
  });

  it('one fragment spread twice at one place adds nothing new to compare', () => {
    expect(repeated('{ ...P ...P ...P } fragment P on Query { plan { title } }', 1)).toBeNull();
  });

  it('aliases are places of their own', () => {
    expect(repeated(`{ ${Array.from({ length: 30 }, (_, i) => `p${i}: plan { title }`).join(' ')} }`)).toBeNull();
  });
});
