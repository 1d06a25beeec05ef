/**
 * Command lines read strictly, from one declaration per command: node:util's parseArgs
 * (`strict: true`) refuses an unknown option, an option missing its value and a value
 * where none is taken; positionals are counted and checked against their choices. The
 * usage and help texts are written from the same declarations, so they list every
 * option, value and choice the command takes.
 */
import { parseArgs } from 'node:util';

interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's placeholder in the usage line (string options). */
  value?: string;
  description: string;
  multiple?: boolean;
  choices?: readonly string[];
  /** The command refuses to run without it. */
  required?: boolean;
}

interface PositionalSpec {
  name: string;
  description: string;
  choices?: readonly string[];
  optional?: boolean;
  /** Takes every remaining positional (the last one only). */
  variadic?: boolean;
}

export interface CommandSpec {
  summary: string;
  positionals?: PositionalSpec[];
  options?: Record<string, OptionSpec>;
  /** Lines added under the options in the command's help. */
  notes?: string[];
  /** Options refused with a reason of their own (not listed in the help). */
  refused?: Record<string, string>;
}

export interface ParsedCommandLine {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** A command line the declarations refuse (exit 2, with the command's usage). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

function positionalUsage(p: PositionalSpec): string {
  const word = p.choices ? p.choices.join('|') : p.name;
  const shown = p.variadic ? `${word}…` : word;
  return p.optional ? `[${shown}]` : shown;
}

function optionUsage(name: string, o: OptionSpec): string {
  const value = o.type === 'string' ? ` ${o.choices ? o.choices.join('|') : (o.value ?? 'VALUE')}` : '';
  const shown = o.required ? `--${name}${value}` : `[--${name}${value}]`;
  return `${shown}${o.multiple ? '…' : ''}`;
}

/** One line: `usage: ipzone import FILE [--dry-run] …`. */
function usageLine(program: string, spec: CommandSpec): string {
  const parts = [
    ...(spec.positionals ?? []).map(positionalUsage),
    ...Object.entries(spec.options ?? {}).map(([n, o]) => optionUsage(n, o)),
  ];
  return `usage: ${[program, ...parts].join(' ')}`;
}

/** The command's help: usage, summary, each argument and option with what it takes. */
export function helpText(program: string, spec: CommandSpec): string {
  const rows: Array<[string, string]> = [
    ...(spec.positionals ?? []).map((p): [string, string] => [
      positionalUsage(p).replace(/^\[|\]$/g, ''),
      `${p.description}${p.choices ? ` (one of: ${p.choices.join(', ')})` : ''}`,
    ]),
    ...Object.entries(spec.options ?? {}).map(([n, o]): [string, string] => [
      `--${n}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
      `${o.description}${o.choices ? ` (one of: ${o.choices.join(', ')})` : ''}${o.multiple ? '; may be repeated' : ''}`,
    ]),
  ];
  const width = Math.max(0, ...rows.map(([left]) => left.length)) + 2;
  return (
    `${usageLine(program, spec)}\n  ${spec.summary}\n` +
    (rows.length ? `\n${rows.map(([l, r]) => `  ${l.padEnd(width)}${r}\n`).join('')}` : '') +
    (spec.notes?.length ? `\n${spec.notes.map((n) => `  ${n}\n`).join('')}` : '')
  );
}

/** Node's parseArgs messages, said in one short line naming the argument. */
function reword(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return `${quoted} takes no value`;
      return `${quoted?.replace(/ <value>$/, '')} needs a value`;
    default:
      return error.message;
  }
}

/** Reads `argv` by the declaration; throws UsageError when the declaration refuses it. */
export function parseCommandLine(program: string, spec: CommandSpec, argv: string[]): ParsedCommandLine {
  const usage = usageLine(program, spec);
  for (const [name, reason] of Object.entries(spec.refused ?? {})) {
    if (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) throw new UsageError(`--${name} ${reason}`, usage);
  }
  const options = Object.fromEntries(
    Object.entries(spec.options ?? {}).map(([n, o]) => [n, { type: o.type, multiple: o.multiple ?? false }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(reword(error as Error), usage);
  }
  const declared = spec.positionals ?? [];
  const given = parsed.positionals;
  const variadic = declared.at(-1)?.variadic ?? false;
  if (!variadic && given.length > declared.length) throw new UsageError(`unexpected argument "${given[declared.length]}"`, usage);
  declared.forEach((p, i) => {
    const values = p.variadic ? given.slice(i) : given.slice(i, i + 1);
    if (values.length === 0 && !p.optional) throw new UsageError(`${p.name} is missing`, usage);
    for (const value of values) {
      if (p.choices && !p.choices.includes(value)) {
        throw new UsageError(`"${value}" is not a ${p.name}: one of ${p.choices.join(', ')}`, usage);
      }
    }
  });
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    const raw = parsed.values[name];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (o.required && values.length === 0) throw new UsageError(`--${name} is missing`, usage);
    for (const value of values) {
      if (o.choices && typeof value === 'string' && !o.choices.includes(value)) {
        throw new UsageError(`--${name} "${value}" is not one of ${o.choices.join(', ')}`, usage);
      }
    }
  }
  return { positionals: given, values: parsed.values as ParsedCommandLine['values'] };
}

/** The message of a file that cannot be opened, in one line: `cannot read x.csv: no such file`. */
export function fileProblem(action: 'read' | 'write', file: string, error: unknown): Error {
  const code = (error as { code?: string }).code;
  const reason =
    code === 'ENOENT'
      ? action === 'read'
        ? 'no such file'
        : 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EEXIST'
            ? 'it exists already'
            : code === 'ENOTDIR'
              ? 'a part of its path is not a folder'
              : (error as Error).message;
  return new Error(`cannot ${action} ${file}: ${reason}`);
}
