#!/usr/bin/env node
/**
 * ipzone: the hub's command line (`npx ipzone help`). Plain JavaScript, so it runs before
 * anything is compiled: it makes sure dist/ is built from the current sources (building
 * once when dist/ is missing or older than a source file), then hands over to the
 * compiled dispatcher (dist/scripts/cli.js), which loads only the command asked for.
 *
 *   ipzone prepare   build when needed and possible (the package's `prepare` script:
 *                    skipped quietly where the sources or the compiler are absent)
 *   ipzone build     build now
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** Folders tsc compiles one .ts file into one dist/…/.js file (tsconfig.build.json). */
const COMPILED = ['lib', 'gateway', 'subgraphs', 'hub', 'seeds', 'scripts', 'bench'];
/** Sources of the pages bundled into dist/dashboard/ and dist/report/ (dashboard/index.html is written first). */
const BUNDLED = { sources: ['dashboard', 'report', 'client'], output: path.join(DIST, 'dashboard', 'index.html') };
const LOCK = path.join(ROOT, 'node_modules', '.cache', 'ipzone-build.lock');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function* files(dir) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** Why dist/ must be built again, or undefined when it is up to date. */
function staleReason() {
  if (!fs.existsSync(path.join(DIST, 'scripts', 'cli.js'))) return 'dist/ is not built yet';
  for (const dir of COMPILED) {
    for (const file of files(path.join(ROOT, dir))) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
      const out = path.join(DIST, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
      if (mtime(out) < mtime(file)) return `${path.relative(ROOT, file)} changed since the last build`;
    }
  }
  const bundled = mtime(BUNDLED.output);
  for (const dir of BUNDLED.sources) {
    for (const file of files(path.join(ROOT, dir))) {
      if (mtime(file) > bundled) return `${path.relative(ROOT, file)} changed since the last build`;
    }
  }
  return undefined;
}

function canBuild() {
  if (!fs.existsSync(path.join(ROOT, 'tsconfig.build.json')) || !fs.existsSync(path.join(ROOT, 'lib'))) return false;
  try {
    require.resolve('typescript', { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The process that holds the build lock, as it wrote itself there; undefined while it has not yet. */
function lockHolder() {
  try {
    return Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Takes the build lock of this checkout (a folder, with the holder's pid in it), waiting
 * while another command builds. A lock whose holder is gone (a build stopped by Ctrl-C or
 * killed leaves it behind) is taken over at once; one older than 5 minutes is abandoned.
 * Ctrl-C ends the command while its build runs (spawnSync: no handler runs), so the lock
 * cannot be relied on to be removed by its holder.
 */
function takeLock() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = lockHolder();
      // A holder writes its pid as soon as it has the folder: one without, seconds old, is gone too.
      const gone = holder === undefined ? Date.now() - mtime(LOCK) > 10_000 : !isRunning(holder);
      if (gone) {
        const who = holder === undefined ? '' : ` (process ${holder})`;
        process.stderr.write(`ipzone: a build that stopped before its end${who} left its lock: taking it over\n`);
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - mtime(LOCK) > 300_000) fs.rmSync(LOCK, { recursive: true, force: true });
      sleep(200);
      if (waited === 0)
        process.stderr.write(`ipzone: waiting for another build of this checkout${holder ? ` (process ${holder})` : ''}…\n`);
    }
  }
}

/** Runs `npm run build` (its output on stderr), one build at a time per checkout. */
function build(reason) {
  takeLock();
  try {
    if (reason && !staleReason()) return; // built meanwhile by the command we waited for
    process.stderr.write(`ipzone: building (${reason ?? 'asked for'}), once…\n`);
    const npm = process.env.npm_execpath;
    const [command, args] =
      npm && path.basename(npm) === 'npm-cli.js'
        ? [process.execPath, [npm, 'run', 'build', '--silent']]
        : ['npm', ['run', 'build', '--silent']];
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (result.status !== 0) {
      process.stderr.write(`ipzone: the build failed${result.error ? ` (${result.error.message})` : ''}\n`);
      process.exit(result.status || 1);
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function main() {
  const [command] = process.argv.slice(2);
  if (command === 'build') return build();
  const reason = staleReason();
  if (command === 'prepare') {
    if (!reason) return;
    if (!canBuild()) return void process.stderr.write('ipzone: no sources or compiler here; not building\n');
    return build(reason);
  }
  if (reason) {
    if (canBuild()) build(reason);
    else if (!fs.existsSync(path.join(DIST, 'scripts', 'cli.js'))) {
      process.stderr.write('ipzone: dist/ is not built and cannot be built here (npm ci installs the compiler)\n');
      process.exit(2);
    }
  }
  require(path.join(DIST, 'scripts', 'cli.js')).run(process.argv.slice(2));
}

main();
