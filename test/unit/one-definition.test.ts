/**
 * The concepts the hub defines once: text limits counted in characters (code points),
 * the period stepper, the key of several parts, the reader of PostgreSQL numbers.
 */
import { compositeKey } from '../../lib/collections';
import { firstPeriodFrom, parsePeriod, stepPeriod } from '../../lib/period';
import { numericColumn } from '../../lib/sql';
import { TEXT_LIMITS, textLength, tooLong } from '../../lib/text';
import { defaultRules } from '../../subgraphs/indicators/model/rules';
import { isRejection, prepareRow, type IndicatorForPush, type Rejection } from '../../subgraphs/indicators/model/rows';
import { noteArgument } from '../../subgraphs/tasks/model/progress';

const count: IndicatorForPush = { id: 'stations', rollup: 'LAST', ...defaultRules('COUNT') };
// U+20000, outside the Basic Multilingual Plane: one character, two UTF-16 units.
const WIDE = '\u{20000}';

describe('text limits: one table, counted in characters', () => {
  it('a character outside the BMP counts once', () => {
    expect(textLength(WIDE.repeat(3))).toBe(3);
    expect(tooLong(WIDE.repeat(TEXT_LIMITS.breakdown), 'breakdown')).toBe(false);
    expect(tooLong(WIDE.repeat(TEXT_LIMITS.breakdown + 1), 'breakdown')).toBe(true);
  });

  it('a pushed row takes a breakdown of as many such characters as the limit, and refuses one more', () => {
    const at = prepareRow(0, { indicator: 'stations', period: '2025', value: 1, breakdown: WIDE.repeat(200) }, count, 'amr');
    expect(isRejection(at)).toBe(false);
    const over = prepareRow(0, { indicator: 'stations', period: '2025', value: 1, breakdown: WIDE.repeat(201) }, count, 'amr');
    expect(over as Rejection).toMatchObject({
      field: 'breakdown',
      code: 'BAD_USER_INPUT',
      message: 'breakdown is longer than 200 characters',
    });
  });

  it("a task report's note is held to the same table", () => {
    expect(noteArgument(WIDE.repeat(TEXT_LIMITS.note))).toBe(WIDE.repeat(TEXT_LIMITS.note));
    expect(() => noteArgument(WIDE.repeat(TEXT_LIMITS.note + 1))).toThrow('note is longer than 2000 characters');
  });
});

describe('periods step one way', () => {
  it.each([
    ['2025Q4', 1, '2026Q1'],
    ['2025Q1', -1, '2024Q4'],
    ['2025H2', 1, '2026H1'],
    ['2025-12', 1, '2026-01'],
    ['2025-01', -13, '2023-12'],
    ['2025', 2, '2027'],
  ])('%s stepped %d is %s', (from, steps, to) => {
    expect(stepPeriod(parsePeriod(from)!, steps).text).toBe(to);
  });

  it('the first period starting in a date’s month or after it', () => {
    expect(firstPeriodFrom('QUARTER', '2025-02-10').text).toBe('2025Q2');
    expect(firstPeriodFrom('QUARTER', '2025-01-01').text).toBe('2025Q1');
    expect(firstPeriodFrom('HALF', '2025-08-01').text).toBe('2026H1');
    expect(firstPeriodFrom('MONTH', '2025-12-31').text).toBe('2025-12');
    expect(firstPeriodFrom('YEAR', '2025-03-01').text).toBe('2026');
  });
});

it('keys of several parts never collide', () => {
  expect(compositeKey('a', 'bc')).not.toBe(compositeKey('ab', 'c'));
  expect(compositeKey('court', '')).not.toBe(compositeKey('court'.slice(0, 4), 't'));
});

it("numbers from an entity's numeric column are read as numbers, nulls kept", () => {
  expect(numericColumn.from('12.50')).toBe(12.5);
  expect(numericColumn.from('0.1')).toBe(0.1);
  expect(numericColumn.from(null)).toBeNull();
});
