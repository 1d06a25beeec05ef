/**
 * Rows are read through one schema per query (lib/rows.ts): numeric and bigint text become
 * numbers and ids, instants ISO 8601 text, and a column that does not read as its schema
 * says is an error naming the query, the row and the column, never a wrong figure.
 */
import { z } from 'zod';
import { column, readOne, readRows } from '../../lib/rows';
import { FigureRow, toFigure } from '../../subgraphs/indicators/data/figure-reads';

const figureRow = {
  indicator_id: 'court-ip-cases-closed',
  period: '2025Q1',
  period_type: 'QUARTER',
  period_start: '2025-01-01',
  period_end: '2025-03-31',
  breakdown: '',
  series_id: '42',
  revision: 2,
  value: '1234.50',
  numerator: null,
  denominator: null,
  status: 'FINAL',
  flags: ['ESTIMATED'],
  reported_on: null,
  withdrawn: false,
  note: null,
  source: 'court',
  explanation: null,
  warning_codes: null,
  organization_id: 'court',
  recorded_by: 'clerk',
  recorded_at: new Date('2026-01-20T09:00:00Z'),
};

it('reads numeric text as numbers, bigint keys as ids and instants as ISO 8601 text', () => {
  const [figure] = readRows('figures', FigureRow, [figureRow]).map(toFigure);
  expect(figure).toMatchObject({
    id: 'court-ip-cases-closed/2025Q1/',
    seriesId: '42',
    value: 1234.5,
    flags: ['ESTIMATED'],
    warningCodes: [],
    recordedAt: '2026-01-20T09:00:00.000Z',
  });
});

it.each([
  ['value', 'twelve', /figures: row 1, column value/],
  ['status', 'ALMOST', /figures: row 1, column status: not one of PROVISIONAL, FINAL/],
  ['recorded_at', 'yesterday', /figures: row 1, column recorded_at: not an instant/],
  ['series_id', '4.2', /figures: row 1, column series_id/],
  ['withdrawn', 'f', /figures: row 1, column withdrawn/],
])('refuses a row whose %s is %p, naming the query, row and column', (field, value, message) => {
  expect(() => readRows('figures', FigureRow, [figureRow, { ...figureRow, [field]: value }])).toThrow(message);
});

it('reads numbers written in every form PostgreSQL writes them, and no other text', () => {
  const schema = z.object({ n: column.optionalNumber });
  const read = (n: unknown) => readRows('numbers', schema, [{ n }])[0].n;
  expect(['0', '-3', '12.50', '.5', '1e-7', '1.2E+3', 7, null].map(read)).toEqual([0, -3, 12.5, 0.5, 1e-7, 1200, 7, null]);
  for (const bad of ['', '1,234', '0x10', 'Infinity', 'NaN', ' 1']) expect(() => read(bad)).toThrow(/numbers: row 0, column n/);
});

it('reads the one row a statement answers', () => {
  const schema = z.object({ count: column.number });
  expect(readOne('rows counted', schema, [{ count: '3' }])).toEqual({ count: 3 });
});

it('refuses a statement that answered no row, naming the query', () => {
  const schema = z.object({ count: column.number });
  expect(() => readOne('rows counted', schema, [])).toThrow('rows counted: no row');
});
