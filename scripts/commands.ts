/**
 * Every command of `ipzone`, declared once: what it takes (positionals and options), from
 * which its command line is read (lib/command-line.ts, strict) and its help written. A
 * script reads its own arguments with `commandLine('<name>')`; the dispatcher
 * (scripts/cli.ts) lists the commands from here. Only light modules are imported here:
 * `ipzone token` loads this file and must stay quick.
 */
import { type CommandSpec, helpText, parseCommandLine, type ParsedCommandLine, UsageError } from '../lib/command-line';
import { ENCODING_LABELS } from '../lib/encoding';
import { ROLES } from '../lib/identity';

export interface Command extends CommandSpec {
  /** Compiled module, relative to dist/. */
  module: string;
}

const TOKEN_FILE = {
  type: 'string',
  value: 'FILE|-',
  description: 'read the token from FILE, or from standard input (-); IPZONE_TOKEN when left out',
} as const;

/** A token on the command line is refused: npm echoes the command lines it runs, and `ps` shows them. */
const NO_TOKEN = {
  token:
    'is not accepted (npm echoes command lines and ps shows them): use --token-file FILE, --token-file - (standard input) or IPZONE_TOKEN',
};

export const EXPORTS = ['kpis', 'scoreboard', 'completeness', 'organization'] as const;
export const SERVICES = ['gateway', 'organizations', 'tasks', 'indicators'] as const;

export const COMMANDS: Record<string, Command> = {
  start: { module: 'scripts/start', summary: 'the whole hub: database, subgraphs, gateway, dashboard' },
  token: {
    module: 'scripts/token',
    summary: 'issue a token (printed on stdout, or written to a file of its own with --out)',
    options: {
      org: {
        type: 'string',
        value: 'ORG',
        required: true,
        description: 'the organisation: its id, name or alias (court, 市法院)',
      },
      role: {
        type: 'string',
        value: 'ROLE',
        required: true,
        multiple: true,
        choices: ROLES,
        description: 'a role the token carries',
      },
      days: { type: 'string', value: 'DAYS', description: 'days it is valid (30, at most MAX_TOKEN_DAYS)' },
      subject: { type: 'string', value: 'NAME', description: 'who holds it (the organisation and roles when left out)' },
      out: {
        type: 'string',
        value: 'FILE',
        description: 'write the token to FILE, created readable by its owner only (0600), instead of stdout',
      },
    },
  },
  import: {
    module: 'scripts/import',
    summary: 'push the figures of a file through the gateway',
    positionals: [{ name: 'FILE', description: 'the figures: a CSV file (.csv) or an Excel workbook (.xlsx, its first sheet)' }],
    options: {
      'token-file': TOKEN_FILE,
      'dry-run': { type: 'boolean', description: 'check every row and report, writing nothing' },
      atomic: { type: 'boolean', description: 'write every row or none (each batch all or nothing)' },
      batch: { type: 'string', value: 'ROWS', description: 'rows per request (1000)' },
      'warnings-file': {
        type: 'string',
        value: 'FILE',
        description:
          'write every warning (line, indicator, period, breakdown, code, message) to FILE as CSV; the output groups them',
      },
      encoding: {
        type: 'string',
        value: 'NAME',
        description: `the CSV's text encoding: ${Object.keys(ENCODING_LABELS).join(', ')}; recognised when left out`,
      },
    },
    notes: ['formats: csv, xlsx'],
    refused: NO_TOKEN,
  },
  export: {
    module: 'scripts/export',
    summary: 'download a CSV export from the gateway',
    positionals: [{ name: 'export', description: 'which export', choices: EXPORTS }],
    options: {
      id: { type: 'string', value: 'ORG', description: 'the organisation (the organization export needs it)' },
      'as-of': { type: 'string', value: 'YYYY-MM-DD', description: 'the figures as they stood for this date' },
      'recorded-as-of': { type: 'string', value: 'INSTANT', description: 'the figures as recorded at this instant' },
      out: { type: 'string', value: 'FILE', description: 'write to FILE instead of stdout' },
      'token-file': TOKEN_FILE,
    },
    refused: NO_TOKEN,
  },
  briefing: {
    module: 'scripts/briefing',
    summary: 'download the briefing for the coordinating meeting as a PDF (A4), to stdout or --out FILE',
    options: {
      'as-of': { type: 'string', value: 'YYYY-MM-DD', description: 'the reference date (today, UTC, when left out)' },
      'recorded-as-of': {
        type: 'string',
        value: 'INSTANT',
        description: 'the vintage: the figures as recorded at this instant (now when left out; the PDF states it)',
      },
      figures: { type: 'string', value: 'RULE', choices: ['ALL', 'ACCEPTED'], description: 'which figures count (KPI_FIGURES)' },
      html: { type: 'boolean', description: 'the page (HTML) instead of the PDF' },
      out: { type: 'string', value: 'FILE', description: 'write to FILE instead of stdout' },
      'token-file': TOKEN_FILE,
    },
    refused: NO_TOKEN,
  },
  keys: { module: 'scripts/keys', summary: 'fresh secrets and the gateway key pair for a deployment, as .env lines' },
  demo: { module: 'scripts/demo', summary: 'load the synthetic demo figures into the running hub' },
  seed: { module: 'scripts/seed', summary: "write the plan's seed files into the database (idempotent)" },
  migrate: { module: 'scripts/migrate', summary: "bring every subgraph's schema up to date" },
  db: {
    module: 'scripts/db',
    summary: 'the embedded PostgreSQL alone (prints its DATABASE_URL); create: the databases DATABASE_URL names',
    positionals: [
      {
        name: 'create',
        choices: ['create'],
        optional: true,
        description: "create the databases DATABASE_URL (and the subgraphs' own URLs) name, when missing, and stop",
      },
    ],
  },
  backup: {
    module: 'scripts/backup',
    summary: "write every subgraph's data to FILE, created readable by its owner only (hub running or stopped)",
    positionals: [{ name: 'FILE', description: 'the backup to write (replaced whole if it exists)' }],
  },
  restore: {
    module: 'scripts/restore',
    summary: 'replace the data of every subgraph with a backup, once every table of it is verified',
    positionals: [{ name: 'FILE', description: 'a backup written by ipzone backup' }],
    options: {
      force: { type: 'boolean', description: 'replace the data a hub holds without asking' },
    },
  },
  serve: {
    module: 'scripts/serve',
    summary: 'one service alone',
    positionals: [{ name: 'service', description: 'the service', choices: SERVICES }],
  },
  compose: { module: 'scripts/compose', summary: 'rewrite gateway/supergraph.graphql' },
  bench: {
    module: 'bench/run',
    summary: 'run the benchmarks',
    positionals: [{ name: 'section', description: 'sections to run (all when left out)', optional: true, variadic: true }],
    options: {
      full: { type: 'boolean', description: 'the full sizes (slow)' },
      profile: {
        type: 'boolean',
        description: 'each service process writes a CPU profile; their busiest functions are written beside the results',
      },
    },
  },
};

/** `ipzone help <name>`. */
export function commandHelp(name: string): string {
  return helpText(`ipzone ${name}`, COMMANDS[name]);
}

/**
 * The arguments of this process (after the script) read by the command's declaration; a
 * command line it refuses ends the process with the message and the usage, exit 2.
 */
export function commandLine(name: string, argv = process.argv.slice(2)): ParsedCommandLine {
  try {
    return parseCommandLine(`ipzone ${name}`, COMMANDS[name], argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const more = COMMANDS[name].options ? `(ipzone help ${name}: every option)\n` : '';
    process.stderr.write(`ipzone ${name}: ${error.message}\n${error.usage}\n${more}`);
    process.exit(2);
  }
}

/** A string option's value (the first, for a repeated one). */
export function stringOption(line: ParsedCommandLine, name: string): string | undefined {
  const value = line.values[name];
  return Array.isArray(value) ? value[0] : typeof value === 'string' ? value : undefined;
}
