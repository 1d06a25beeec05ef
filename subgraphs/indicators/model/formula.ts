/**
 * The formula language of derived indicators: numbers, indicator ids in square brackets,
 * + − × ÷ (also - * /), parentheses and unary minus. Parsed once into a tree, never
 * evaluated as code.
 *
 *   [court-ip-cases-closed-within-limit] / [court-ip-cases-closed] × 100
 *   [high-value-invention-patents] ÷ [resident-population]
 */
import { TEXT_LIMITS, tooLong } from '../../../lib/text';

export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'indicator'; id: string }
  | { kind: 'negate'; operand: Formula }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
  }
}

const OPERATORS: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };
const MAX_LENGTH = TEXT_LIMITS.formula;
const MAX_DEPTH = 50;

interface Token {
  type: 'number' | 'id' | 'op' | '(' | ')';
  at: number;
  value?: number;
  id?: string;
  op?: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (/[0-9.]/.test(c)) {
      const match = /^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!match) throw new FormulaError('a malformed number', i);
      tokens.push({ type: 'number', value: Number(match[0]), at: i });
      i += match[0].length;
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new FormulaError('an indicator id without its closing ]', i);
      const id = text.slice(i + 1, end).trim();
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new FormulaError(`"${id.slice(0, 60)}" is not an indicator id`, i);
      tokens.push({ type: 'id', id, at: i });
      i = end + 1;
    } else if (c in OPERATORS) {
      tokens.push({ type: 'op', op: OPERATORS[c], at: i });
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c, at: i });
      i += 1;
    } else {
      throw new FormulaError(`unexpected "${c}"`, i);
    }
  }
  return tokens;
}

/** Parses a formula; throws FormulaError saying where it is wrong. */
export function parseFormula(text: string): Formula {
  if (tooLong(text, 'formula')) throw new FormulaError(`a formula is at most ${MAX_LENGTH} characters`, MAX_LENGTH);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const end = () => (tokens.length ? tokens[tokens.length - 1].at + 1 : 0);

  // expression := term (('+' | '-') term)* ; term := factor (('*' | '/') factor)* ; factor := '-' factor | number | id | '(' expression ')'
  const expression = (depth: number): Formula => {
    let left = term(depth);
    while (peek()?.type === 'op' && (peek().op === '+' || peek().op === '-')) {
      const op = tokens[pos++].op as '+' | '-';
      left = { kind: 'binary', op, left, right: term(depth) };
    }
    return left;
  };
  const term = (depth: number): Formula => {
    let left = factor(depth);
    while (peek()?.type === 'op' && (peek().op === '*' || peek().op === '/')) {
      const op = tokens[pos++].op as '*' | '/';
      left = { kind: 'binary', op, left, right: factor(depth) };
    }
    return left;
  };
  const factor = (depth: number): Formula => {
    if (depth > MAX_DEPTH) throw new FormulaError('the formula is nested too deeply', peek()?.at ?? end());
    const token = tokens[pos++];
    if (!token) throw new FormulaError('the formula ends too early', end());
    if (token.type === 'op' && token.op === '-') return { kind: 'negate', operand: factor(depth + 1) };
    if (token.type === 'number') return { kind: 'number', value: token.value! };
    if (token.type === 'id') return { kind: 'indicator', id: token.id! };
    if (token.type === '(') {
      const inner = expression(depth + 1);
      if (tokens[pos]?.type !== ')') throw new FormulaError('a ( without its )', tokens[pos]?.at ?? end());
      pos += 1;
      return inner;
    }
    throw new FormulaError(`unexpected "${token.type === 'op' ? token.op : token.type}"`, token.at);
  };

  const formula = expression(0);
  if (pos < tokens.length) throw new FormulaError('unexpected text after the formula', tokens[pos].at);
  return formula;
}

/** Indicator ids a formula reads, each once. */
export function formulaInputs(formula: Formula): string[] {
  const ids = new Set<string>();
  const walk = (f: Formula): void => {
    if (f.kind === 'indicator') ids.add(f.id);
    else if (f.kind === 'negate') walk(f.operand);
    else if (f.kind === 'binary') {
      walk(f.left);
      walk(f.right);
    }
  };
  walk(formula);
  return [...ids];
}

export type Evaluation = { value: number; reason?: undefined } | { value: null; reason: string };

/** Evaluates with the given values; a missing input or a division by zero gives no value, with the reason. */
export function evaluateFormula(formula: Formula, values: (id: string) => number | null | undefined): Evaluation {
  const evaluate = (f: Formula): Evaluation => {
    switch (f.kind) {
      case 'number':
        return { value: f.value };
      case 'indicator': {
        const value = values(f.id);
        return value === null || value === undefined ? { value: null, reason: `no value of ${f.id}` } : { value };
      }
      case 'negate': {
        const inner = evaluate(f.operand);
        return inner.value === null ? inner : { value: -inner.value };
      }
      case 'binary': {
        const left = evaluate(f.left);
        if (left.value === null) return left;
        const right = evaluate(f.right);
        if (right.value === null) return right;
        if (f.op === '/' && right.value === 0) return { value: null, reason: 'division by zero' };
        const value =
          f.op === '+'
            ? left.value + right.value
            : f.op === '-'
              ? left.value - right.value
              : f.op === '*'
                ? left.value * right.value
                : left.value / right.value;
        return Number.isFinite(value) ? { value } : { value: null, reason: 'the result is not a finite number' };
      }
    }
  };
  return evaluate(formula);
}

/**
 * The first cycle among formulas, as a path of ids (a → b → a), or null. `formulas` maps
 * each derived indicator to the ids its formula reads.
 */
export function findCycle(formulas: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const input of formulas.get(id) ?? []) {
      const cycle = visit(input);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of formulas.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}
