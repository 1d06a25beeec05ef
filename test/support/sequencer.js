/**
 * How jest orders and shares out the test files. The order is jest's own (what failed
 * last first, then the slowest first by the last run's times, else the largest file
 * first). The shares of `--shard` (.ci/run runs two side by side, after a whole run on the
 * same checkout) are cut by the last run's times where every file has one: each file,
 * slowest first, goes to the share with the least time so far, so the shares end together.
 * Without times (a fresh checkout) they are jest's own, by a hash of each path.
 *
 * Shares run side by side must be cut from the same times, though each writes its own when
 * it ends: with SHARD_TIMES set to a file, the first share to start writes the times it
 * read there, and every share cuts from that file.
 */
'use strict';
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

class BalancedSequencer extends Sequencer {
  /** Each test file's time in the last run, by path; null when a file has none. */
  times(tests) {
    const file = process.env.SHARD_TIMES;
    const read = tests.map((test) => this.time(test) ?? null);
    if (!file) return read;
    // Written whole under another name, then linked into place: a share never reads half a file.
    const own = `${file}.${process.pid}`;
    fs.writeFileSync(own, JSON.stringify(Object.fromEntries(tests.map((test, i) => [test.path, read[i]]))));
    try {
      fs.linkSync(own, file);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(own, { force: true });
    }
    const kept = JSON.parse(fs.readFileSync(file, 'utf8'));
    return tests.map((test) => kept[test.path] ?? null);
  }

  shard(tests, options) {
    const times = this.times(tests);
    if (times.some((time) => time === null)) return super.shard(tests, options);
    const shares = Array.from({ length: options.shardCount }, () => ({ time: 0, tests: [] }));
    const order = tests
      .map((test, i) => ({ test, time: times[i] }))
      .sort((a, b) => b.time - a.time || (a.test.path < b.test.path ? -1 : a.test.path > b.test.path ? 1 : 0));
    for (const { test, time } of order) {
      const share = shares.reduce((least, candidate) => (candidate.time < least.time ? candidate : least));
      share.time += time;
      share.tests.push(test);
    }
    return shares[options.shardIndex - 1].tests;
  }
}

module.exports = BalancedSequencer;
