/**
 * Many identical viewers, by autocannon, in a process of its own
 * (`node dist/bench/autocannon-process.js SPEC.json`): `connections` connections POST the
 * same GraphQL body for `seconds`. autocannon counts every HTTP 200 as answered; here an
 * answer is a success only when it is HTTP 200 and its JSON body carries no `errors`
 * (checked on each response, by autocannon's onResponse hook), and the rate is of the
 * successes. Answers with GraphQL errors, other statuses and connection errors are counted
 * apart. Prints JSON (AutocannonOutcome).
 */
import { readFileSync } from 'node:fs';
import { answerFailure } from './answers';

export interface AutocannonSpec {
  url: string;
  body: string;
  connections: number;
  seconds: number;
}

export interface AutocannonOutcome {
  /** Answers that are HTTP 200 with no GraphQL errors, and their rate over the run. */
  succeeded: number;
  rps: number;
  /** HTTP 200 answers whose body carries GraphQL errors (or is no GraphQL answer). */
  graphqlErrors: number;
  /** Answers of another status. */
  otherStatus: number;
  /** Connection errors and timeouts (autocannon's `errors`). */
  connectionErrors: number;
  seconds: number;
  firstFailure?: string;
}

interface AutocannonResult {
  duration: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

export async function countedAutocannon(spec: AutocannonSpec): Promise<AutocannonOutcome> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon ships no types: required, then given its shape
  const autocannon = require('autocannon') as Autocannon;
  let succeeded = 0;
  let graphqlErrors = 0;
  let otherStatus = 0;
  let firstFailure: string | undefined;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: spec.body,
        onResponse: (status: number, body: string) => {
          const failure = answerFailure(status, body);
          if (!failure) succeeded += 1;
          else if (status === 200) graphqlErrors += 1;
          else otherStatus += 1;
          if (failure) firstFailure ??= failure;
        },
      },
    ],
  });
  return {
    succeeded,
    rps: succeeded / result.duration,
    graphqlErrors,
    otherStatus,
    connectionErrors: result.errors,
    seconds: result.duration,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

if (require.main === module) {
  countedAutocannon(JSON.parse(readFileSync(process.argv[2], 'utf8')) as AutocannonSpec).then(
    (outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
