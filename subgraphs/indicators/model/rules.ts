/** What a valid figure of an indicator looks like. */

export interface ValueRules {
  minValue: number | null;
  maxValue: number | null;
  integerOnly: boolean;
  periodTypes: string[];
}

/**
 * Defaults by an indicator's value kind (COUNT, PERCENT, SCORE, DAYS, RATIO, AMOUNT, YEARS):
 * counts are whole numbers ≥ 0; percentages and scores 0–100; the rest ≥ 0.
 */
export function defaultRules(kind: string): ValueRules {
  return {
    minValue: 0,
    maxValue: kind === 'PERCENT' || kind === 'SCORE' ? 100 : null,
    integerOnly: kind === 'COUNT',
    periodTypes: ['YEAR', 'HALF', 'QUARTER', 'MONTH'],
  };
}

/** Why a value does not fit the rules, or null when it does. */
export function valueProblem(value: number, rules: ValueRules): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (rules.minValue !== null && value < rules.minValue) return `must be at least ${rules.minValue}`;
  if (rules.maxValue !== null && value > rules.maxValue) return `must be at most ${rules.maxValue}`;
  if (rules.integerOnly && !Number.isInteger(value)) return 'must be a whole number';
  return null;
}

/**
 * A jump from the previous period by more than `factor` either way (×factor or ÷factor)
 * is plausible enough to land, but is flagged. A previous value of 0 flags any rise.
 */
export function isImplausibleJump(previous: number, value: number, factor: number): boolean {
  if (factor <= 1) return false;
  if (previous === 0) return value !== 0 && factor < Infinity;
  const ratio = value / previous;
  return ratio > factor || ratio < 1 / factor;
}
