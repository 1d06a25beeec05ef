/** The formula language of derived indicators: small, safe, checked when saved. */
import { evaluateFormula, findCycle, FormulaError, formulaInputs, parseFormula } from '../../subgraphs/indicators/model/formula';

const value = (text: string, values: Record<string, number> = {}) => evaluateFormula(parseFormula(text), (id) => values[id]);

describe('formulas', () => {
  it('respect precedence and parentheses', () => {
    expect(value('2 + 3 * 4').value).toBe(14);
    expect(value('(2 + 3) * 4').value).toBe(20);
    expect(value('2 - 3 - 4').value).toBe(-5);
    expect(value('24 / 4 / 2').value).toBe(3);
    expect(value('-2 * -3').value).toBe(6);
    expect(value('10 − 4 ÷ 2 × 3').value).toBe(4);
  });

  it('read indicator ids in brackets, with their hyphens', () => {
    const f = parseFormula('[high-value-invention-patents] ÷ [resident-population]');
    expect(formulaInputs(f)).toEqual(['high-value-invention-patents', 'resident-population']);
    expect(
      evaluateFormula(f, (id) => ({ 'high-value-invention-patents': 57000, 'resident-population': 1380 })[id]).value,
    ).toBeCloseTo(41.3, 1);
  });

  it('give no value, with the reason, on a division by zero or a missing input', () => {
    expect(value('[a] / [b]', { a: 1, b: 0 })).toEqual({ value: null, reason: 'division by zero' });
    expect(value('[a] / ([b] - [b])', { a: 1, b: 5 })).toEqual({ value: null, reason: 'division by zero' });
    expect(value('[a] + 1', {})).toEqual({ value: null, reason: 'no value of a' });
  });

  it.each([
    '',
    '1 +',
    '(1 + 2',
    '1 + 2)',
    '[a',
    '[Not An Id]',
    '2 ** 3',
    'a + 1',
    'process.exit()',
    '1 2',
    '('.repeat(60) + '1' + ')'.repeat(60),
  ])('refuse %j, saying where', (text) => expect(() => parseFormula(text)).toThrow(FormulaError));

  it('are never evaluated as code', () => {
    expect(() => parseFormula('[a]; require("fs")')).toThrow(FormulaError);
    expect(() => parseFormula('constructor')).toThrow(FormulaError);
  });
});

describe('cycles among formulas', () => {
  it('are found, with their path', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['a']]]))).toEqual(['a', 'a']);
  });

  it('are absent from a chain or a diamond', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['d']],
          ['c', ['d']],
        ]),
      ),
    ).toBeNull();
  });
});
