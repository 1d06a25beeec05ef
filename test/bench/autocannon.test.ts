/**
 * The many-viewers load (bench/autocannon-process.ts) counts an answer as a success only
 * when it is HTTP 200 with no GraphQL errors in its body; answers of status 200 carrying
 * errors and answers of other statuses are counted apart. Not a timing test: a local server
 * answers in turn with data, with errors and with 500.
 */
import { createServer, type Server } from 'node:http';
import { countedAutocannon } from '../../bench/autocannon-process';

let server: Server;
let url: string;
const answers = [
  [200, '{"data":{"scoreboard":{"headline":{"total":8}}}}'],
  [200, '{"errors":[{"message":"subgraph unavailable"}],"data":{"scoreboard":null}}'],
  [500, '{"errors":[{"message":"internal"}]}'],
] as const;
let sent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, body] = answers[sent % answers.length];
      sent += 1;
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

it('counts GraphQL errors and other statuses apart from the successes', async () => {
  const outcome = await countedAutocannon({
    url,
    body: '{"query":"{ scoreboard { headline { total } } }"}',
    connections: 1,
    seconds: 1,
  });
  const answered = outcome.succeeded + outcome.graphqlErrors + outcome.otherStatus;
  expect(answered).toBeGreaterThan(3);
  // One connection, answers in turn: each kind about a third.
  expect(Math.abs(outcome.succeeded - outcome.graphqlErrors)).toBeLessThanOrEqual(1);
  expect(Math.abs(outcome.succeeded - outcome.otherStatus)).toBeLessThanOrEqual(1);
  expect(outcome.rps).toBeCloseTo(outcome.succeeded / outcome.seconds);
  expect(outcome.firstFailure).toMatch(/GraphQL errors|HTTP 500/);
});
