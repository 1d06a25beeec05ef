/**
 * The README is the front door, and the pages under docs/ the rooms behind it: they must stay
 * true to the code, the README short, and every link between them lead somewhere.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ENV_VARIABLES } from '../../lib/config';
import { PAGES, readPage, ROOT } from '../support/docs';

const readme = readPage('README.md');
const pages = PAGES.map((page) => ({ page, text: readPage(page) }));
const all = pages.map((p) => p.text).join('\n');
const scripts = Object.keys(JSON.parse(readPage('package.json')).scripts);

it('documents every environment variable the hub reads, all of them on the configuration page', () => {
  const missing = Object.keys(ENV_VARIABLES).filter((name) => !all.includes(`\`${name}\``));
  expect(missing).toEqual([]);
  const configuration = readPage('docs/configuration.md');
  expect(Object.keys(ENV_VARIABLES).filter((name) => !configuration.includes(`\`${name}\``))).toEqual([]);
});

it('names only npm scripts that exist, and shows the two set-up commands', () => {
  const named = [...all.matchAll(/npm run (?:-s )?([a-z:-]+)/g)].map((m) => m[1]);
  expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  // .ci/run runs "the README's test command".
  expect(readme).toContain('npm start');
  expect(readme).toContain('npm test');
});

it('keeps the README under 20 KB', () => {
  expect(Buffer.byteLength(readme, 'utf8')).toBeLessThan(20 * 1024);
});

it('executes every page under docs/ (test/support/docs.ts lists them all), and the README links each one', () => {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  expect([...PAGES].sort()).toEqual(['README.md', ...docs].sort());
  const linked = new Set(links('README.md', readme).map((l) => l.file));
  expect(docs.filter((page) => !linked.has(page))).toEqual([]);
});

it('every relative link of every page leads to a file, and every anchor to a heading of its page', () => {
  const broken = pages.flatMap(({ page, text }) =>
    links(page, text)
      .filter(({ file, anchor }) => {
        if (!existsSync(path.join(ROOT, file))) return true;
        if (anchor === undefined) return false;
        if (!file.endsWith('.md') || statSync(path.join(ROOT, file)).isDirectory()) return true;
        return !headingAnchors(readPage(file)).has(anchor);
      })
      .map(({ target }) => `${page}: ${target}`),
  );
  expect(broken).toEqual([]);
  // The README's links into docs/ are among those checked.
  expect(links('README.md', readme).filter((l) => l.file.startsWith('docs/')).length).toBeGreaterThanOrEqual(9);
});

/** Text outside fenced code blocks (indented ones too). */
const withoutFences = (text: string): string => text.split(/^[ \t]*```[^\n]*\n[\s\S]*?^[ \t]*```[ \t]*$/m).join('\n');

/** The relative links (and images) of a page, outside code: the file each names, from the project's root, and its anchor. */
function links(page: string, text: string): Array<{ target: string; file: string; anchor?: string }> {
  const prose = withoutFences(text).replace(/`[^`\n]*`/g, (code) => 'x'.repeat(code.length));
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target))
    .map((target) => {
      const [where, anchor] = target.split('#');
      const file = where === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), where));
      return { target, file: file.replace(/\/$/, ''), anchor };
    });
}

/** The anchors a page's headings get, as GitHub makes them. */
function headingAnchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutFences(text).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = heading
      .replace(/`([^`]*)`/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}
