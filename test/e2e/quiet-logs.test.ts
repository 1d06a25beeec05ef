/**
 * An idle hub is quiet at LOG_LEVEL=info: the identity directory's reload (every
 * IDENTITY_REFRESH_SECONDS) and the requests it makes log at debug; a reload that brings
 * something new (a revoked token) says so at info.
 */
import { decodeJwt } from 'jose';
import type { Hub } from '../../hub';
import { setLogSink } from '../../lib/log';
import { issueToken } from '../../lib/tokens';
import { bearer, graphql, startTestHub } from '../support/hub';

const REVOKE = `mutation ($id: String!) { revokeToken(tokenId: $id, reason: "lost") { tokenId } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let hub: Hub;
const logged: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  setLogSink((entry) => logged.push(entry));
  hub = await startTestHub({ env: { IDENTITY_REFRESH_SECONDS: '1' } });
  // The first load, said once at info, before the hub goes idle.
  while (!logged.some((entry) => entry.message === 'organisations and tokens loaded')) await sleep(50);
});
afterAll(async () => {
  setLogSink(null);
  await hub?.stop();
});

const audible = () => logged.filter((entry) => entry.level !== 'debug');

it('writes nothing at info while idle through several reloads, and logs them at debug', async () => {
  logged.length = 0;
  await sleep(4500);
  expect(audible()).toEqual([]);
  const reloads = logged.filter((entry) => entry.operation === 'IdentityDirectory');
  expect(reloads.length).toBeGreaterThanOrEqual(3);
  expect(
    logged.filter((entry) => entry.message === 'organisations and tokens reloaded: unchanged').length,
  ).toBeGreaterThanOrEqual(3);
});

it('says at info when a reload changed what it loaded', async () => {
  const token = await issueToken(hub.settings.tokens, { org: 'court', roles: ['reporter'], subject: 'lost-laptop' }, 3600);
  // Cleared before the revocation: a reload may run while its answer is still on the way.
  logged.length = 0;
  const revoked = await graphql(hub.gateway.url, REVOKE, { id: decodeJwt(token).jti }, await bearer('amr', ['coordinator']));
  expect(revoked.errors).toBeUndefined();
  const changes = () => logged.filter((entry) => entry.message === 'organisations and tokens reloaded: changed');
  const deadline = Date.now() + 20_000;
  while (changes().length === 0 && Date.now() < deadline) await sleep(100);
  // Two more reloads: the change is said once, not at every reload after it.
  const reloads = logged.filter((entry) => entry.operation === 'IdentityDirectory').length;
  while (logged.filter((entry) => entry.operation === 'IdentityDirectory').length < reloads + 2 && Date.now() < deadline)
    await sleep(100);
  const changed = changes();
  expect(changed).toHaveLength(1);
  expect(changed[0]).toMatchObject({ level: 'info' });
  const after = changed[0].after as { revokedTokens: number };
  const before = changed[0].before as { revokedTokens: number };
  expect(after.revokedTokens).toBe(before.revokedTokens + 1);
});
