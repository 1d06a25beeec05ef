/**
 * Forwarded identities are signed by the gateway alone (Ed25519); the subgraphs hold only
 * the public key. Here the organizations and indicators subgraphs run as production
 * processes configured as their containers are, with GATEWAY_PUBLIC_KEY and nothing that
 * signs: pushes naming organisations still resolve (the indicators subgraph forwards the
 * caller's gateway token), and nothing a subgraph holds makes a token another accepts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { startGateway } from '../../gateway';
import { settingsWith } from '../../lib/settings';
import { signGatewayToken } from '../../lib/identity';
import type { RunningService } from '../../lib/server';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';
import { type ServiceProcess, spawnService } from '../support/processes';

const started = useHubAndDatabase();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ipzone-forwarding-'));
let organizations: ServiceProcess;
let indicators: ServiceProcess;
let gateway: RunningService;
let publicKey: string;

/** What a subgraph container is given: the database, the gateway's public key, production mode. */
const subgraphEnvironment = () => ({
  NODE_ENV: 'production',
  DATABASE_URL: process.env.DATABASE_URL,
  SEED: 'false',
  GATEWAY_PUBLIC_KEY: publicKey,
  GATEWAY_PRIVATE_KEY: undefined,
  JWT_SECRET: undefined,
  // Were a subgraph to look for secrets of its own, it would make this file.
  SECRETS_FILE: path.join(scratch, 'secrets.json'),
});

beforeAll(async () => {
  publicKey = started.hub().settings.keys.gatewayPublicKey()!;
  organizations = await spawnService('organizations', { ...subgraphEnvironment(), ORGANIZATIONS_PORT: '0' });
  indicators = await spawnService('indicators', {
    ...subgraphEnvironment(),
    INDICATORS_PORT: '0',
    ORGANIZATIONS_URL: organizations.url,
  });
  gateway = await startGateway(started.hub().settings, {
    port: 0,
    subgraphUrls: { organizations: organizations.url, indicators: indicators.url, tasks: started.hub().subgraphs.tasks.url },
  });
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  await Promise.all([organizations?.stop(), indicators?.stop()]);
  rmSync(scratch, { recursive: true, force: true });
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected rejections { field code } } }`;

it("a push naming an organisation resolves it through the organizations subgraph with the caller's own gateway token", async () => {
  const res = await graphql(
    gateway.url,
    PUSH,
    {
      input: {
        figures: [{ indicator: 'ip-protection-workstations', period: '2024', value: 12, organization: '市场监管局' }],
      },
    },
    await bearer('amr', ['coordinator']),
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.pushFigures).toMatchObject({ created: 1, rejected: 0 });
  const stored = await started
    .db()
    .query(
      `SELECT organization_id FROM indicators.figure_series WHERE indicator_id = 'ip-protection-workstations' AND period = '2024'`,
    );
  expect(stored.rows).toEqual([{ organization_id: 'amr' }]);
  expect(existsSync(path.join(scratch, 'secrets.json'))).toBe(false);
});

it("nothing in a subgraph's configuration can sign a forwarded identity", async () => {
  const { keys } = settingsWith({ NODE_ENV: 'production', GATEWAY_PUBLIC_KEY: publicKey, GATEWAY_PRIVATE_KEY: undefined });
  expect(() => keys.gatewayPrivateKey()).toThrow(/GATEWAY_PRIVATE_KEY must be set/);
  await expect(signGatewayToken(keys, { org: 'amr', roles: ['admin'], subject: `minted-${Date.now()}` })).rejects.toThrow(
    /GATEWAY_PRIVATE_KEY/,
  );
});

describe('tokens made from what a subgraph holds are refused by another subgraph', () => {
  const claims = { org: 'amr', roles: ['admin'], sub: 'minted-by-a-subgraph' };
  const base = () =>
    new SignJWT(claims).setIssuer('ipzone-gateway').setAudience('ipzone-subgraphs').setIssuedAt().setExpirationTime('1m');
  const unsigned = () =>
    [
      Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...claims, iss: 'ipzone-gateway', aud: 'ipzone-subgraphs', exp: 9e9 })).toString('base64url'),
      '',
    ].join('.');

  it.each([
    [
      'HS256 keyed with the public key',
      () => base().setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(publicKey)),
    ],
    [
      'EdDSA with a key of its own',
      () => base().setProtectedHeader({ alg: 'EdDSA' }).sign(generateKeyPairSync('ed25519').privateKey),
    ],
    ['no signature (alg none)', async () => unsigned()],
  ])('%s: 401 UNAUTHENTICATED', async (_how, mint) => {
    const res = await graphql(
      organizations.url,
      '{ organizationsByReference(references: ["amr"]) { id } }',
      {},
      { 'x-hub-gateway-token': await mint() },
    );
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("while the gateway's own token is accepted", async () => {
    const res = await graphql(
      organizations.url,
      '{ organizationsByReference(references: ["市场监管局"]) { id } }',
      {},
      { 'x-hub-gateway-token': await signGatewayToken(started.hub().settings.keys, null) },
    );
    expect(res.data).toEqual({ organizationsByReference: [{ id: 'amr' }] });
  });
});
