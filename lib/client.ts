/** A small GraphQL client of the gateway, for the command-line tools. */
import type { OperationText } from './operation-text';
import { readFileSync } from 'node:fs';
import { fileProblem } from './command-line';

/** An error the hub answers, as GraphQL and every HTTP refusal carry it. */
export interface ClientError {
  message: string;
  extensions?: { code?: string };
}

/** Why a command could not call the hub at `url`: whether it runs, and how a hub on another port is reached. */
export function unreachable(url: string | URL, error: unknown): Error {
  const at = url instanceof URL ? url.origin : url;
  return new Error(
    `cannot reach the hub at ${at} (${(error as Error).message}); is it running? (npm start; ` +
      `a hub on another port: IPZONE_URL=http://127.0.0.1:PORT/graphql)`,
    { cause: error },
  );
}

/** Sends one of the hub's own operations (lib/gql): its answer and variables are typed as the schema says. */
export async function gatewayRequest<T, V>(url: string, query: OperationText<T, V>, variables: V, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw unreachable(url, error);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: ClientError[] };
  if (body.errors?.length) {
    const first = body.errors[0];
    throw Object.assign(new Error(`${first.extensions?.code ?? 'ERROR'}: ${first.message}`), { code: first.extensions?.code });
  }
  if (!body.data) throw new Error(`the hub answered HTTP ${response.status} without data`);
  return body.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The caller's token: from `file` (`--token-file FILE`; `-`: standard input) or
 * `configured` (IPZONE_TOKEN). (A token on the command line is refused by the commands' declarations.)
 */
export async function readToken(file: string | undefined, configured: string | undefined): Promise<string | undefined> {
  if (file === undefined) return configured;
  let text: string;
  try {
    text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    throw fileProblem('read', `the token file ${file}`, error);
  }
  const token = text.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    throw new Error(`${file === '-' ? 'standard input' : file} does not hold a token (ipzone token … prints one)`);
  }
  return token;
}
