/**
 * The hub's GraphQL explorer (GraphiQL, bundled from npm by esbuild): the gateway serves it
 * on GET /graphql to browsers. It talks only to /graphql on the same origin, so it works
 * with no internet; a token, when reads need one, goes in its headers editor
 * ({"Authorization": "Bearer …"}).
 */
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const DEFAULT_QUERY = `# The plan and its eight city goals at its deadline
{
  plan { title documentNumber }
  indicators(filter: { headline: true }) {
    id
    name
    kpi(asOf: "2025-12-31") { actual status }
  }
}
`;

type FetcherParams = { query: string; operationName?: string | null; variables?: unknown };
type FetcherOptions = { headers?: Record<string, string> };

/** POST /graphql on this origin with the editor's headers; the answer as JSON, errors included. */
async function fetcher(params: FetcherParams, options?: FetcherOptions): Promise<unknown> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options?.headers },
    body: JSON.stringify(params),
  });
  return response.json();
}

createRoot(document.getElementById('explorer')!).render(
  createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, shouldPersistHeaders: false }),
);
