/**
 * The kinds of rule an environment variable can follow (lib/config-check.ts has the table
 * that gives each variable its rule). A rule looks at a value that is set and returns what
 * is wrong with it, or undefined; `required` says when the variable must be set at all.
 */
import { createPrivateKey, createPublicKey, type JsonWebKeyInput, type KeyObject } from 'node:crypto';

/** What the process about to start runs: it decides which settings production needs. */
export type Part = 'gateway' | 'subgraphs' | 'database' | 'tokens';

export interface CheckContext {
  env: Readonly<Record<string, string | undefined>>;
  production: boolean;
  runs: ReadonlySet<Part>;
}

export interface Rule {
  /** What is wrong with a value that is set (not empty), or undefined. */
  check: (value: string, context: CheckContext) => string | undefined;
  /** When the variable must be set: the reason it must, or undefined when it may stay unset. */
  required?: (context: CheckContext) => string | undefined;
  /** The value is never repeated in a message (secrets, keys, URLs with passwords, tokens). */
  sensitive?: boolean;
}

/** A value of the variable, when set and not empty. */
export function setting(context: CheckContext, name: string): string | undefined {
  const value = context.env[name];
  return value === undefined || value === '' ? undefined : value;
}

const shown = (value: string): string => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** Any text. */
export const text = (): Rule => ({ check: () => undefined });

/** A whole number from `min` to `max`. */
export function int(min: number, max = Number.MAX_SAFE_INTEGER): Rule {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  return {
    check: (value) => {
      const number = Number(value);
      return /^\s*-?\d+\s*$/.test(value) && number >= min && number <= max
        ? undefined
        : `must be a whole number ${range}, got ${shown(value)}`;
    },
  };
}

/** A TCP port; 0 asks for a free one. */
export const port = (): Rule => int(0, 65535);

/** A number (fractions allowed) of at least `min`, or above `above`. */
export function decimal(bound: { min: number } | { above: number }): Rule {
  return {
    check: (value) => {
      const number = Number(value);
      const ok = value.trim() !== '' && Number.isFinite(number) && ('min' in bound ? number >= bound.min : number > bound.above);
      return ok
        ? undefined
        : `must be a number ${'min' in bound ? `of at least ${bound.min}` : `above ${bound.above}`}, got ${shown(value)}`;
    },
  };
}

/** One of a few words. */
export function oneOf(values: readonly string[], options: { ignoreCase?: boolean } = {}): Rule {
  return {
    check: (value) => {
      const found = options.ignoreCase ? values.some((v) => v.toLowerCase() === value.toLowerCase()) : values.includes(value);
      return found ? undefined : `must be ${values.map((v) => `"${v}"`).join(' or ')}, got ${shown(value)}`;
    },
  };
}

/** "true" or "false". */
export const flag = (): Rule => oneOf(['true', 'false']);

/** A URL with one of `protocols` (e.g. ['http:', 'https:']) and a host. */
export function url(protocols: readonly string[], options: { sensitive?: boolean; example?: string } = {}): Rule {
  const expected = options.example ?? `${protocols[0]}//host:port/…`;
  return {
    sensitive: options.sensitive,
    check: (value) => {
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        return `is not a URL (expected ${expected})${options.sensitive ? '' : `, got ${shown(value)}`}`;
      }
      if (!protocols.includes(parsed.protocol)) return `must be a ${protocols.join(' or ')} URL (expected ${expected})`;
      if (!parsed.hostname) return `names no host (expected ${expected})`;
      return undefined;
    },
  };
}

/** A PostgreSQL URL naming its database. */
export function databaseUrl(): Rule {
  const example = 'postgres://user:password@host:5432/database';
  const base = url(['postgres:', 'postgresql:'], { sensitive: true, example });
  return {
    sensitive: true,
    check: (value, context) =>
      base.check(value, context) ??
      (new URL(value).pathname.replace(/^\//, '') === '' ? `names no database (expected ${example})` : undefined),
  };
}

/** A secret: at least `min` characters, and in production not one of the examples' placeholders. */
export function secret(min = 32): Rule {
  return {
    sensitive: true,
    check: (value, context) => {
      if (value.length < min)
        return `is ${value.length} characters long: a secret needs at least ${min} (npx ipzone keys makes one)`;
      if (context.production && /change-me|dev-only/i.test(value))
        return 'is a placeholder of the examples, not a secret (npx ipzone keys makes one)';
      return undefined;
    },
  };
}

/** A key given as PEM or as a JWK (one line of JSON), as lib/identity.ts reads it. */
function keyInput(text: string): string | JsonWebKeyInput {
  const trimmed = text.trim();
  return trimmed.startsWith('{') ? { key: JSON.parse(trimmed) as JsonWebKeyInput['key'], format: 'jwk' } : trimmed;
}

/** Why a key does not parse, in words: a PEM written on one line with "\n", JSON that is not, or what OpenSSL says. */
function unparsed(value: string, error: unknown): string {
  if (value.includes('\\n') && !value.includes('\n'))
    return 'does not parse as a key: it holds "\\n" as two characters where a PEM needs line breaks (or give the key as a one-line JWK: npx ipzone keys)';
  if (value.trim().startsWith('{')) return 'does not parse as a key: it starts like a JWK but is not valid JSON';
  const reason = error instanceof Error ? error.message : String(error);
  return `does not parse as a PEM or JWK key (${reason})`;
}

/** An asymmetric key of `type` (e.g. "ed25519", "rsa"): private or public. */
export function key(kind: 'private' | 'public', type: string, options: { pemOnly?: boolean } = {}): Rule {
  return {
    sensitive: true,
    check: (value) => {
      let parsed: KeyObject;
      try {
        const input = options.pemOnly ? value.trim() : keyInput(value);
        parsed = kind === 'private' ? createPrivateKey(input) : createPublicKey(input);
      } catch (error) {
        return unparsed(value, error);
      }
      if (parsed.asymmetricKeyType !== type)
        return `must be an ${type === 'rsa' ? 'RSA' : 'Ed25519'} ${kind} key, not ${parsed.asymmetricKeyType}`;
      if (kind === 'public' && parsed.type !== 'public') return `must be a public key (it holds a private one)`;
      return undefined;
    },
  };
}

/** The public half of a private key in the same forms key() reads, or undefined when it does not parse. */
export function publicHalf(privateKey: string): string | undefined {
  try {
    return createPublicKey(createPrivateKey(keyInput(privateKey))).export({ format: 'jwk' }).x;
  } catch {
    return undefined;
  }
}

/** The identifying part of a public key, or undefined when it does not parse. */
export function publicPart(publicKey: string): string | undefined {
  try {
    return createPublicKey(keyInput(publicKey)).export({ format: 'jwk' }).x;
  } catch {
    return undefined;
  }
}

/** A cron expression of five fields (minute hour day month weekday), or six with seconds first. */
export function cron(): Rule {
  return {
    check: (value) => {
      const fields = value.trim().split(/\s+/);
      return (fields.length === 5 || fields.length === 6) && fields.every((field) => /^[\d*/,\-A-Za-z?LW#]+$/.test(field))
        ? undefined
        : `must be a cron expression of five fields (minute hour day month weekday, e.g. "0 7 * * *"), got ${shown(value)}`;
    },
  };
}

/** Adds when the variable must be set to a rule. */
export function requiredWhen(rule: Rule, required: (context: CheckContext) => string | undefined): Rule {
  return { ...rule, required };
}

/** Adds a check involving other variables to a rule. */
export function also(rule: Rule, more: (value: string, context: CheckContext) => string | undefined): Rule {
  return { ...rule, check: (value, context) => rule.check(value, context) ?? more(value, context) };
}

/** A value wrapped in the quotes of an .env file ('…' or "…"), which came along with it. */
export function quoted(value: string): boolean {
  return value.length >= 2 && /^(['"])[\s\S]*\1$/.test(value.trim());
}
