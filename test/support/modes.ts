/**
 * Runs a test file's checks against a hub in development mode and again in production
 * mode (the variables production requires, made fresh).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Hub } from '../../hub';
import { startTestHub } from './hub';

function productionEnvironment(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    NODE_ENV: 'production',
    JWT_SECRET: 'p'.repeat(40),
    GATEWAY_PRIVATE_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })),
  };
}

export const MODES: Array<[string, () => Record<string, string>]> = [
  ['development', () => ({})],
  ['production', productionEnvironment],
];

/** Inside a describe block: a hub started with `environment` over the test environment, stopped after. */
export function useHubIn(environment: () => Record<string, string>): () => Hub {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub({ env: environment() });
  });
  afterAll(async () => {
    await hub?.stop();
  });
  return () => hub;
}
