/**
 * ipzone keys (npm run keys): fresh secrets for a deployment, as lines of an .env file:
 *   npx ipzone keys > .env && docker compose up --build
 * JWT_SECRET (callers' tokens), and the gateway's Ed25519 key pair as one-line JWKs:
 * GATEWAY_PRIVATE_KEY for the gateway alone, GATEWAY_PUBLIC_KEY for the subgraphs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { commandLine } from './commands';

commandLine('keys');

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
process.stdout.write(
  [
    `JWT_SECRET=${randomBytes(32).toString('base64url')}`,
    `GATEWAY_PRIVATE_KEY='${JSON.stringify(privateKey.export({ format: 'jwk' }))}'`,
    `GATEWAY_PUBLIC_KEY='${JSON.stringify(publicKey.export({ format: 'jwk' }))}'`,
    '',
  ].join('\n'),
);
