/**
 * The pages' addresses refuse what they do not serve as every other door does, with a
 * stable code: a file that is not there, a write to a page, a method the reporting page's
 * API does not take, and its sign-in steps without a provider.
 */
import { useHubAndDatabase } from '../support/hub';

const { hub } = useHubAndDatabase();
const at = (path: string) => new URL(path, hub().gateway.url).toString();

it('answers a file of a page that is not there 404 NOT_FOUND, naming it (not as a path no route serves)', async () => {
  const res = await fetch(at('/dashboard/no-such-file.js'));
  expect(res.status).toBe(404);
  expect((await res.json()).errors[0]).toEqual({
    message: 'nothing at GET /dashboard/no-such-file.js',
    extensions: { code: 'NOT_FOUND' },
  });
});

it.each(['/dashboard', '/dashboard/main.js', '/report', '/report/'])(
  'refuses a write to %s: 405 METHOD_NOT_ALLOWED, Allow: GET, HEAD',
  async (path) => {
    const res = await fetch(at(path), { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    const body = await res.json();
    expect(body.errors[0].extensions).toEqual({ code: 'METHOD_NOT_ALLOWED' });
    expect(body.errors[0].message).toMatch(/^POST is not allowed on \/\w+: its pages and files are only read/);
  },
);

it("answers a write the reporting page's own API does not take as a path not served, never as a page file", async () => {
  for (const [method, path] of [
    ['DELETE', '/report/upload.csv'],
    ['PUT', '/report/oidc/token'],
  ] as const) {
    const res = await fetch(at(path), { method });
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
    expect((await res.json()).errors[0]).toEqual({ message: `nothing at ${method} ${path}`, extensions: { code: 'NOT_FOUND' } });
  }
});

it('refuses sign-in steps with a stable code when no OpenID Connect provider is configured', async () => {
  const authorize = await fetch(at('/report/oidc/authorize?code_challenge=x&state=y'), { redirect: 'manual' });
  expect(authorize.status).toBe(404);
  expect((await authorize.json()).errors[0].extensions).toEqual({ code: 'NOT_FOUND' });
  const token = await fetch(at('/report/oidc/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'c', code_verifier: 'v' }),
  });
  expect(token.status).toBe(404);
  expect((await token.json()).errors[0]).toEqual({
    message: 'no OpenID Connect provider is configured (OIDC_ISSUER)',
    extensions: { code: 'NOT_FOUND' },
  });
});
