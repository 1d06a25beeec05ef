/**
 * The hub's own secrets, for a hub started without them: made at random the first time
 * they are needed and kept in one file of the data folder (mode 0600), so a restart, the
 * token command and every service started from the same folder use the same ones. Nothing
 * secret is written in the code.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalSecrets {
  /** HS256 secret of callers' tokens (JWT_SECRET when unset). */
  jwtSecret: string;
  /** Ed25519 key pair the gateway signs forwarded identities with (PEM). */
  gatewayPrivateKey: string;
  gatewayPublicKey: string;
  /** Password of the embedded PostgreSQL's superuser. */
  postgresPassword: string;
}

const FIELDS: ReadonlyArray<keyof LocalSecrets> = ['jwtSecret', 'gatewayPrivateKey', 'gatewayPublicKey', 'postgresPassword'];

function generate(): LocalSecrets {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    jwtSecret: randomBytes(32).toString('base64url'),
    gatewayPrivateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    gatewayPublicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    postgresPassword: randomBytes(24).toString('base64url'),
  };
}

function read(file: string): LocalSecrets {
  const secrets = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  const missing = FIELDS.filter((field) => typeof secrets[field] !== 'string' || secrets[field] === '');
  if (missing.length > 0) throw new Error(`${file} lacks ${missing.join(', ')}: remove it to have new secrets made`);
  // Secrets readable by others are secrets no more: keep the file to its owner.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secrets as LocalSecrets;
}

/**
 * Creates the file once, atomically: written under a temporary name, then linked into
 * place, so two processes starting at once end up with the same secrets.
 */
function create(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${JSON.stringify(generate(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

const cache = new Map<string, LocalSecrets>();

/** The secrets kept in `file`, made when the file does not exist yet. */
export function localSecrets(file: string): LocalSecrets {
  const known = cache.get(file);
  if (known) return known;
  let secrets: LocalSecrets;
  try {
    secrets = read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    create(file);
    secrets = read(file);
  }
  cache.set(file, secrets);
  return secrets;
}
