/** Every GraphQL example in the README is valid against the gateway's schema: the front door stays true. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import type { Hub } from '../../hub';
import { graphql, startTestHub } from '../support/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

it('the README has GraphQL examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(7);
});

it('each README example validates against the schema the gateway serves', async () => {
  const introspection = await graphql(hub.gateway.url, getIntrospectionQuery());
  const schema = buildClientSchema(introspection.data as never);
  for (const example of examples) {
    const errors = validate(schema, parse(example)).map((e) => e.message);
    expect({ example: example.slice(0, 60), errors }).toEqual({ example: example.slice(0, 60), errors: [] });
  }
});

it("the README's read-only examples run through the gateway without errors", async () => {
  for (const example of examples.filter((e) => !/^\s*mutation/.test(e) && !/\$\w+/.test(e))) {
    const res = await graphql(hub.gateway.url, example);
    expect({ example: example.slice(0, 60), errors: res.errors ?? [] }).toEqual({ example: example.slice(0, 60), errors: [] });
  }
});
