/** The reporting page's checks as a clerk types, and where an obligation stands as of a day. */
import { coerceInputValue, type GraphQLInputType } from 'graphql';
import { checkEntry, contentKey, emptyEntry, type OwedIndicator, previousPeriod, STATUSES, toFigure } from '../../report/entries';
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph-path';
import { obligationState } from '../../subgraphs/indicators/services/obligations';
import { parsePeriod } from '../../lib/period';

const count: OwedIndicator = {
  id: 'court-ip-cases-closed',
  name: '知识产权审判案件结案数',
  nameEn: 'IP trial cases closed',
  unit: '件',
  unitEn: 'cases',
  rollup: 'SUM',
  minValue: 0,
  maxValue: null,
  integerOnly: true,
  series: [],
};
const rate: OwedIndicator = { ...count, id: 'rate', rollup: 'RATIO', maxValue: 100, integerOnly: false };

it('checks numbers as typed: decimals only, whole for counts, within bounds', () => {
  const entry = (value: string) => ({ ...emptyEntry(count.id), value });
  expect(checkEntry(entry(''), count)).toEqual({});
  expect(checkEntry(entry('1200'), count)).toEqual({});
  expect(checkEntry(entry('12.5'), count).value).toContain('整数');
  expect(checkEntry(entry('-3'), count).value).toContain('0');
  expect(checkEntry(entry('1,200'), count).value).toContain('数字');
  expect(checkEntry(entry('0x1F'), count).value).toContain('数字');
  expect(checkEntry({ ...emptyEntry(rate.id), numerator: '5', denominator: '0' }, rate).denominator).toContain('0');
  expect(checkEntry({ ...emptyEntry(rate.id), numerator: '11', denominator: '10' }, rate).numerator).toContain('分母');
  expect(checkEntry({ ...emptyEntry(rate.id), numerator: '9', denominator: '10' }, rate)).toEqual({});
});

it('sends every status the form offers as a figure the public API takes; an estimate is a provisional figure flagged ESTIMATED', () => {
  const api = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
  const input = api.getType('FigureInput') as GraphQLInputType;
  for (const [status] of STATUSES) {
    const figure = toFigure({ ...emptyEntry(count.id), value: '12', status }, count, '2025Q4');
    const problems: string[] = [];
    coerceInputValue(figure, input, (path, _value, error) => problems.push(`${path.join('.')}: ${error.message}`));
    expect({ status, problems }).toEqual({ status, problems: [] });
  }
  const estimate = toFigure({ ...emptyEntry(count.id), value: '12', status: 'ESTIMATED' }, count, '2025Q4');
  expect(estimate).toMatchObject({ status: 'PROVISIONAL', flags: ['ESTIMATED'] });
});

it('keys a submission by its content', () => {
  expect(contentKey('2025Q4', [{ a: 1 }])).toBe(contentKey('2025Q4', [{ a: 1 }]));
  expect(contentKey('2025Q4', [{ a: 1 }])).not.toBe(contentKey('2025Q4', [{ a: 2 }]));
});

it('says where a period stands as of a day', () => {
  const q4 = { period: parsePeriod('2025Q4')!, due: '2026-01-15', firstReportedAt: null };
  expect(obligationState(q4, '2025-12-01')).toBe('COMING');
  expect(obligationState(q4, '2026-01-05')).toBe('DUE');
  expect(obligationState(q4, '2026-01-15')).toBe('DUE');
  expect(obligationState(q4, '2026-01-16')).toBe('OVERDUE');
  expect(obligationState({ ...q4, firstReportedAt: '2026-01-20T08:00:00Z' }, '2026-01-16')).toBe('OVERDUE');
  expect(obligationState({ ...q4, firstReportedAt: '2026-01-20T08:00:00Z' }, '2026-01-20')).toBe('REPORTED');
});

it('steps back one period of each kind', () => {
  expect(['2025Q4', '2025Q1', '2025H1', '2025H2', '2025-01', '2025-10', '2025'].map(previousPeriod)).toEqual([
    '2025Q3',
    '2024Q4',
    '2024H2',
    '2025H1',
    '2024-12',
    '2025-09',
    '2024',
  ]);
});
