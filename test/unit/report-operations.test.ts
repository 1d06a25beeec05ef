/**
 * The reporting page's operations are plain texts (report/queries.ts): each must validate
 * against the supergraph's public API, so a schema change that breaks the page fails here.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { SUPERGRAPH_PATH } from '../../gateway/compose';
import * as queries from '../../report/queries';

const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
const operations = Object.entries(queries as Record<string, unknown>).filter(
  (entry): entry is [string, string] => typeof entry[1] === 'string',
);

it('has operations to check', () => {
  expect(operations.length).toBeGreaterThan(5);
});

it.each(operations)('%s validates against the public API', (_name, text) => {
  expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
});
