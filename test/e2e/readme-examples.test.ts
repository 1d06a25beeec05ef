/**
 * Every GraphQL example of the documentation — the README and the pages under docs/ — is valid
 * against the gateway's schema, and each read-only one runs: the front door stays true.
 */
import { buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import type { Hub } from '../../hub';
import { graphqlExamples, runsAsItStands } from '../support/docs';
import { graphql, startTestHub } from '../support/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const examples = graphqlExamples().map((e) => ({ at: `${e.page}:${e.line}`, page: e.page, query: e.query }));

it('the README and the pages have GraphQL examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(7);
  // The README's first query, and the API's and reporting's own.
  for (const page of ['README.md', 'docs/api.md', 'docs/reporting.md'])
    expect({ page, examples: examples.some((e) => e.page === page) }).toEqual({ page, examples: true });
});

it('each example validates against the schema the gateway serves', async () => {
  const introspection = await graphql(hub.gateway.url, getIntrospectionQuery());
  const schema = buildClientSchema(introspection.data as never);
  for (const { at, query } of examples) {
    const errors = validate(schema, parse(query)).map((e) => e.message);
    expect({ at, example: query.slice(0, 60), errors }).toEqual({ at, example: query.slice(0, 60), errors: [] });
  }
});

it('the read-only examples run through the gateway without errors', async () => {
  for (const { at, query } of examples.filter((e) => runsAsItStands(e.query))) {
    const res = await graphql(hub.gateway.url, query);
    expect({ at, example: query.slice(0, 60), errors: res.errors ?? [] }).toEqual({
      at,
      example: query.slice(0, 60),
      errors: [],
    });
  }
});
