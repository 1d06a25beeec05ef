/**
 * The pages' addresses refuse what they do not serve as every other door does, with a
 * stable code: a file that is not there, and a write to a page.
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

it.each(['/dashboard', '/dashboard/main.js', '/report'])(
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
