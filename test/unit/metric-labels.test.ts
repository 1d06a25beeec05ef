/** Metric labels come from known values only: the hub's own operation names, capped. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LabelValues } from '../../lib/metrics';
import { HUB_OPERATIONS, knownOperations, operationOf, pageOperations } from '../../lib/operations';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );
}

/** Operation names written in a file's GraphQL texts. */
const namesIn = (file: string) =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/[`'"]\s*(?:query|mutation)\s+([A-Za-z_]\w*)\s*[({]/g)].map(
    (m) => m[1],
  );

it("knows every operation name the hub's own code sends, and the pages'", () => {
  const own = ['lib', 'gateway', 'subgraphs', 'hub', 'scripts', 'bench'].flatMap(sources).flatMap(namesIn);
  expect(own.length).toBeGreaterThan(5);
  for (const name of own) expect([...knownOperations()]).toContain(name);
  expect(HUB_OPERATIONS).toContain('ExportKpis');
  const dashboard = [...new Set([...namesIn('dashboard/queries.ts'), ...namesIn('report/queries.ts')])].sort();
  expect(dashboard).toContain('Dashboard');
  expect(dashboard).toContain('ReportSubmit');
  expect(pageOperations()).toEqual(dashboard);
  for (const name of dashboard) expect(knownOperations().has(name)).toBe(true);
});

it('counts a subgraph fetch under the operation it serves', () => {
  expect(operationOf('Dashboard__indicators__0')).toBe('Dashboard');
  expect(operationOf('My__Op__tasks__12')).toBe('My__Op');
  expect(operationOf('Dashboard__elsewhere__0')).toBe('Dashboard__elsewhere__0');
  expect(operationOf(null)).toBe('anonymous');
});

it('labels known values as they are, up to a cap, and everything else "other"', () => {
  const labels = new LabelValues(new Set(['a', 'b', 'c', 'd']), 3);
  expect(labels.of('a')).toBe('a');
  expect(labels.of('zzz')).toBe('other');
  expect(labels.of(undefined)).toBe('other');
  expect(labels.of('b')).toBe('b');
  expect(labels.of('c')).toBe('other'); // the cap: other, a, b
  expect(labels.of('a')).toBe('a');
});
