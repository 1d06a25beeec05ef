/**
 * The dispatcher behind bin/ipzone.js: `ipzone <command> [arguments]`. Each command is a
 * script of scripts/ (or bench/), loaded only when asked for, so that `ipzone token`
 * does not load the subgraphs, and started with the arguments after the command name as
 * if it had been run on its own (`node dist/scripts/token.js …`).
 */
import path from 'node:path';

interface Command {
  /** Compiled module, relative to dist/. */
  module: string;
  usage: string;
  summary: string;
}

export const COMMANDS: Record<string, Command> = {
  start: { module: 'scripts/start', usage: '', summary: 'the whole hub: database, subgraphs, gateway, dashboard' },
  token: {
    module: 'scripts/token',
    usage: '--org <id, name or alias> --role <reporter|analyst|coordinator|admin> [--role …] [--days 30] [--subject name]',
    summary: 'issue a token (printed on stdout)',
  },
  import: {
    module: 'scripts/import',
    usage: 'FILE.csv [--token-file FILE|-] [--dry-run] [--atomic] [--batch 1000]',
    summary: 'push the figures of a CSV file through the gateway',
  },
  export: {
    module: 'scripts/export',
    usage:
      'kpis|scoreboard|completeness|organization [--id amr] [--as-of 2025-12-31] [--recorded-as-of INSTANT] [--out FILE] [--token-file FILE|-]',
    summary: 'download a CSV export from the gateway',
  },
  keys: { module: 'scripts/keys', usage: '', summary: 'fresh secrets and the gateway key pair for a deployment, as .env lines' },
  demo: { module: 'scripts/demo', usage: '', summary: 'load the synthetic demo figures into the running hub' },
  seed: { module: 'scripts/seed', usage: '', summary: "write the plan's seed files into the database (idempotent)" },
  migrate: { module: 'scripts/migrate', usage: '', summary: "bring every subgraph's schema up to date" },
  db: {
    module: 'scripts/db',
    usage: '[create]',
    summary: 'the embedded PostgreSQL alone (prints its DATABASE_URL); create: the databases DATABASE_URL names',
  },
  backup: { module: 'scripts/backup', usage: 'FILE', summary: "write every subgraph's data to FILE (hub running or stopped)" },
  restore: { module: 'scripts/restore', usage: 'FILE', summary: 'replace the data of every subgraph with a backup' },
  serve: { module: 'scripts/serve', usage: 'gateway|organizations|tasks|indicators', summary: 'one service alone' },
  compose: { module: 'scripts/compose', usage: '', summary: 'rewrite gateway/supergraph.graphql' },
  bench: { module: 'bench/run', usage: '[section…] [--full]', summary: 'run the benchmarks' },
};

function help(name?: string): string {
  if (name && COMMANDS[name]) return `usage: ipzone ${name} ${COMMANDS[name].usage}\n  ${COMMANDS[name].summary}\n`;
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  return (
    'usage: ipzone <command> [arguments]   (npm run <command> -- [arguments] does the same)\n\ncommands:\n' +
    Object.entries(COMMANDS)
      .map(([n, c]) => `  ${n.padEnd(width)}${c.summary}\n`)
      .join('') +
    `  ${'help'.padEnd(width)}this list; ipzone help <command>: its arguments\n\n` +
    'Tokens are read from --token-file FILE (- for standard input) or IPZONE_TOKEN, never from the command line.\n'
  );
}

export function run(argv: string[]): void {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && !COMMANDS[topic]) {
      process.stderr.write(`ipzone: no command "${topic}"\n${help()}`);
      process.exitCode = 2;
      return;
    }
    process.stdout.write(help(topic));
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`ipzone: no command "${name}"\n${help()}`);
    process.exitCode = 2;
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(help(name));
    return;
  }
  const file = path.join(__dirname, '..', `${command.module}.js`);
  process.argv = [process.argv[0], file, ...rest];
  require(file);
}
