/**
 * What counts as a successful GraphQL answer in every load the bench makes: HTTP 200 with
 * a JSON object for a body that carries no `errors`. An answer of status 200 with errors
 * (a subgraph down, a query refused) is a failure, counted apart from the successes.
 */

/** Why an answer does not count as a success (undefined when it does): HTTP 200 and a JSON body without `errors`. */
export function answerFailure(status: number, body: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return `not a GraphQL answer: ${body.slice(0, 200)}`;
  if ('errors' in json) return `GraphQL errors: ${JSON.stringify(json.errors).slice(0, 200)}`;
  return undefined;
}

/** The first failure any of the loads met, to show beside their count. */
export const firstFailureOf = (loads: Array<{ firstFailure?: string }>): string | undefined =>
  loads.find((l) => l.firstFailure)?.firstFailure;
