/** The checks every pushed row goes through before the database sees it. */
import { isImplausibleJump, defaultRules, valueProblem } from '../../subgraphs/indicators/model/rules';
import { isRejection, prepareRow, type IndicatorForPush, type Rejection } from '../../subgraphs/indicators/model/rows';
import type { FigureInput } from '../../subgraphs/indicators/schema/figure';

const count: IndicatorForPush = { id: 'stations', rollup: 'LAST', ...defaultRules('COUNT') };
const percent: IndicatorForPush = { id: 'share', rollup: 'LAST', ...defaultRules('PERCENT') };
const rate: IndicatorForPush = { id: 'rate', rollup: 'RATIO', ...defaultRules('PERCENT') };
const days: IndicatorForPush = { id: 'days', rollup: 'AVERAGE', ...defaultRules('DAYS') };

const row = (input: Partial<FigureInput>, indicator: IndicatorForPush | undefined = count) =>
  prepareRow(0, { indicator: indicator?.id ?? 'nothing', period: '2025', ...input }, indicator, 'amr');
const rejection = (input: Partial<FigureInput>, indicator?: IndicatorForPush) => {
  const result = row(input, indicator);
  expect(isRejection(result)).toBe(true);
  return result as Rejection;
};

describe('value rules by kind', () => {
  it('counts are whole numbers ≥ 0; percentages and scores 0–100; days ≥ 0', () => {
    expect(defaultRules('COUNT')).toMatchObject({ minValue: 0, maxValue: null, integerOnly: true });
    expect(defaultRules('PERCENT')).toMatchObject({ minValue: 0, maxValue: 100, integerOnly: false });
    expect(defaultRules('SCORE')).toMatchObject({ maxValue: 100 });
    expect(valueProblem(3.5, defaultRules('DAYS'))).toBeNull();
  });

  it.each([
    [count, -1, 'at least 0'],
    [count, 2.5, 'whole number'],
    [percent, 101, 'at most 100'],
    [percent, -0.1, 'at least 0'],
    [count, Number.NaN, 'finite'],
    [count, Infinity, 'finite'],
  ])('refuse %#: %p', (indicator, value, message) => {
    expect(rejection({ value }, indicator)).toMatchObject({
      field: 'value',
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining(message),
    });
  });

  it('accept the boundaries', () => {
    for (const [indicator, value] of [
      [count, 0],
      [percent, 100],
      [percent, 0],
      [days, 0.5],
    ] as const) {
      expect(isRejection(row({ value }, indicator))).toBe(false);
    }
  });
});

describe('a rate (RATIO)', () => {
  it('is refused as a value alone: rates are summed as numerators and denominators, never averaged', () => {
    expect(rejection({ value: 40 }, rate)).toMatchObject({ field: 'value', code: 'BAD_USER_INPUT' });
  });

  it('takes numerator and denominator, and its value from them', () => {
    expect(row({ numerator: 60, denominator: 100 }, rate)).toMatchObject({ value: 60, numerator: 60, denominator: 100 });
  });

  it('takes a value alone only when the indicator declares the mean of its rates as its method', () => {
    expect(row({ value: 40 }, { ...rate, meanOfRates: true })).toMatchObject({ value: 40, numerator: null });
  });

  it('is withdrawn without numerator and denominator', () => {
    expect(isRejection(row({ withdraw: true, reason: 'sent twice' }, rate))).toBe(false);
  });
});

describe('a row', () => {
  it('names an unknown indicator', () => {
    const result = prepareRow(3, { indicator: 'nothing', period: '2025', value: 1 }, undefined, 'amr');
    expect(result).toMatchObject({ index: 3, field: 'indicator', code: 'NOT_FOUND' });
  });

  it.each(['2025Q5', '2025-13', '', 'x'.repeat(10_000)])('refuses the period %j', (period) => {
    expect(rejection({ value: 1, period })).toMatchObject({ field: 'period', code: 'BAD_USER_INPUT' });
  });

  it('refuses a period type the indicator does not take', () => {
    expect(rejection({ value: 1, period: '2025-03' }, { ...count, periodTypes: ['YEAR'] })).toMatchObject({ field: 'period' });
  });

  it('computes a rate from numerator and denominator, and checks a given value against them', () => {
    expect(row({ numerator: 930, denominator: 1000 }, percent)).toMatchObject({ value: 93 });
    expect(rejection({ value: 90, numerator: 930, denominator: 1000 }, percent)).toMatchObject({ field: 'value' });
    expect(rejection({ numerator: 1100, denominator: 1000 }, percent)).toMatchObject({ field: 'numerator' });
    expect(rejection({ numerator: 5 }, percent)).toMatchObject({ field: 'denominator' });
    expect(rejection({ numerator: 0, denominator: 0 }, percent)).toMatchObject({ field: 'denominator' });
    expect(rejection({ value: 77, numerator: 0, denominator: 0 }, percent)).toMatchObject({ field: 'denominator' });
    expect(rejection({ value: 0, numerator: 0, denominator: 0 }, percent)).toMatchObject({ field: 'denominator' });
  });

  it('withdraws only with a reason and without a value', () => {
    expect(rejection({ withdraw: true })).toMatchObject({ field: 'reason' });
    expect(rejection({ withdraw: true, value: 3, reason: 'x' })).toMatchObject({ field: 'value' });
    expect(row({ withdraw: true, reason: '重复报送' })).toMatchObject({ withdrawn: true, value: null });
  });

  it('keeps text verbatim but bounded', () => {
    expect(row({ value: 1, note: "'; DROP TABLE figure; --<script>" })).toMatchObject({
      note: "'; DROP TABLE figure; --<script>",
    });
    expect(rejection({ value: 1, note: 'x'.repeat(2001) })).toMatchObject({ field: 'note' });
    expect(rejection({ value: 1, breakdown: 'x'.repeat(201) })).toMatchObject({ field: 'breakdown' });
  });
});

describe('plausibility', () => {
  it('flags a jump of more than the factor either way', () => {
    expect(isImplausibleJump(100, 301, 3)).toBe(true);
    expect(isImplausibleJump(100, 300, 3)).toBe(false);
    expect(isImplausibleJump(300, 99, 3)).toBe(true);
    expect(isImplausibleJump(0, 5, 3)).toBe(true);
    expect(isImplausibleJump(0, 0, 3)).toBe(false);
  });
});
