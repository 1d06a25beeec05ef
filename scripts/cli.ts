/**
 * The dispatcher behind bin/ipzone.js: `ipzone <command> [arguments]`. Each command is a
 * script of scripts/ (or bench/), loaded only when asked for, so that `ipzone token`
 * does not load the subgraphs, and started with the arguments after the command name as
 * if it had been run on its own (`node dist/scripts/token.js …`).
 */
import path from 'node:path';
import { commandHelp, COMMANDS } from './commands';

export { COMMANDS };

function help(name?: string): string {
  if (name && COMMANDS[name]) return commandHelp(name);
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the command's module, known only now, runs as it loads
  require(file);
}
