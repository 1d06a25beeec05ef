/**
 * Hostile GraphQL requests, each with the answer the gateway must give: documents that
 * once stalled the hub for seconds or passed every limit, and a body over the limit. The
 * attack tests send each one; `npm run bench -- hostile` sends them as background traffic.
 */
export interface HostileRequest {
  name: string;
  /** Where it is sent (default /graphql) and as what (default JSON). */
  path?: string;
  contentType?: string;
  /** The role of the token it carries (default none). */
  role?: 'reporter' | 'coordinator';
  /** The body: a GraphQL request's JSON, or a file. */
  body: string | Buffer;
  status: number;
  code: string;
}

/** 23 fragments, each spreading the next twice: under 1 kB, expanding to 2^23 selections. */
export function fragmentDoubling(onType = 'Query', leaf = 'tasks { id }'): string {
  const fragments = Array.from({ length: 23 }, (_, i) => `fragment F${i} on ${onType} { ...F${i + 1} ...F${i + 1} }`);
  const operation = onType === 'Mutation' ? 'mutation { ...F0 }' : '{ ...F0 }';
  return `${operation} ${fragments.join(' ')} fragment F23 on ${onType} { ${leaf} }`;
}

const aliased = (count: number, selection: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** Every hostile request, built once (some are megabytes long). */
export function hostileRequests(maxBodyBytes: number): Array<HostileRequest & { body: string }> {
  const documents: Array<[string, string, string]> = [
    ['23 fragments each spreading the next twice', fragmentDoubling(), TOO_COMPLEX],
    ['the same, without any list', fragmentDoubling('Query', 'plan { title }'), TOO_COMPLEX],
    ['the same, on the mutation type', fragmentDoubling('Mutation', 'lockPeriod(period: "2025") { id }'), TOO_COMPLEX],
    ['200,000 aliased __typename (3.9 MB)', aliased(200_000, '__typename'), 'TOO_MANY_TOKENS'],
    ['41 aliased __typename', aliased(41, '__typename'), 'TOO_MANY_ALIASES'],
    ['1,000 aliases of __schema', aliased(1000, '__schema { types { name } }'), 'TOO_MANY_TOKENS'],
    ['41 aliases of __schema', aliased(41, '__schema { queryType { name } }'), 'TOO_MANY_ALIASES'],
    ['a 3.5 MB document', `{ tasks { ${'id '.repeat(1_150_000)}} }`, 'TOO_MANY_TOKENS'],
    ['one field selected 240 times', `{ ${'tasks { id } '.repeat(240)}}`, TOO_COMPLEX],
    [
      'one field selected 240 times in a fragment defined first',
      `fragment A on Query { ${'plan { title } '.repeat(240)}} { ...A }`,
      TOO_COMPLEX,
    ],
    ['30 directives on one field', `{ tasks { id ${'@include(if: true) '.repeat(30)}} }`, 'TOO_MANY_DIRECTIVES'],
    [
      'introspection nested 27 levels deep',
      `{ __type(name: "Task") { fields { type ${'{ ofType '.repeat(23)}{ name }${' }'.repeat(23)} } } }`,
      'QUERY_TOO_DEEP',
    ],
  ];
  return [
    ...documents.map(([name, query, code]) => ({ name, body: JSON.stringify({ query }), status: 400, code })),
    {
      name: 'a body over the limit',
      body: JSON.stringify({ query: `{ tasks { id } } # ${'x'.repeat(maxBodyBytes)}` }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
  ];
}
