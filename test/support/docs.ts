/**
 * The documentation the tests execute: README.md (the front door) and the pages under docs/.
 * PAGES lists them in the order their shell blocks run (test/e2e/readme-shell.test.ts): the
 * README's demo and first push, then reporting (the import, the Excel round trip), the API (the
 * exports, once the imported figures are in), operations (a backup and its restore).
 * test/deploy/readme.test.ts fails when a page under docs/ is missing from the list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export const PAGES = [
  'README.md',
  'docs/running.md',
  'docs/reporting.md',
  'docs/api.md',
  'docs/dashboard.md',
  'docs/briefing.md',
  'docs/operations.md',
  'docs/configuration.md',
  'docs/architecture.md',
  'docs/benchmarks.md',
  'docs/methodology.md',
] as const;

type Page = (typeof PAGES)[number];

export const readPage = (page: string): string => readFileSync(path.join(ROOT, page), 'utf8');

export interface GraphQLExample {
  page: Page;
  /** The line of the block's opening fence, 1-based. */
  line: number;
  query: string;
}

/** Every ```graphql block of every page, in page order. */
export function graphqlExamples(): GraphQLExample[] {
  return PAGES.flatMap((page) => {
    const text = readPage(page);
    return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => ({
      page,
      line: text.slice(0, m.index).split('\n').length,
      query: m[1],
    }));
  });
}

/** A GraphQL example that reads, and needs no variables: it can be sent as it stands. */
export const runsAsItStands = (query: string): boolean => !/^\s*mutation/.test(query) && !/\$\w+/.test(query);
