/** A small GraphQL client of the gateway, for the command-line tools. */
import { readFileSync } from 'node:fs';
import { config } from './config';

export interface ClientError {
  message: string;
  extensions?: { code?: string };
}

export async function gatewayRequest<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new Error(`cannot reach the hub at ${url} (${(error as Error).message}); is it running? (npm start)`);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: ClientError[] };
  if (body.errors?.length) {
    const first = body.errors[0];
    throw Object.assign(new Error(`${first.extensions?.code ?? 'ERROR'}: ${first.message}`), { code: first.extensions?.code });
  }
  if (!body.data) throw new Error(`the hub answered HTTP ${response.status} without data`);
  return body.data;
}

/** Parses `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): { positional: string[]; options: Map<string, string[]> } {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
      options.set(name, [...(options.get(name) ?? []), value]);
    } else positional.push(arg);
  }
  return { positional, options };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The caller's token: `--token-file FILE` (`-`: standard input) or IPZONE_TOKEN. A token
 * on the command line is refused: npm echoes the command lines it runs, and `ps` shows them.
 */
export async function readToken(options: Map<string, string[]>): Promise<string | undefined> {
  if (options.has('token')) {
    throw new Error(
      '--token is not accepted (npm echoes command lines and ps shows them): use --token-file FILE, --token-file - (standard input) or IPZONE_TOKEN',
    );
  }
  const file = options.get('token-file')?.[0];
  if (file === undefined) return config.clientToken();
  let text: string;
  try {
    text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the token from ${file}: ${(error as Error).message}`);
  }
  const token = text.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    throw new Error(`${file === '-' ? 'standard input' : file} does not hold a token (ipzone token … prints one)`);
  }
  return token;
}
