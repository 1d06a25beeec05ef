const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Test files run side by side: each has databases of its own (named after the file) and
  // ports of its own (free ones, or a base only it uses: test/support/isolation.ts). Two
  // workers at least, even on two cores: most of a file's time is spent waiting on the
  // processes it starts.
  maxWorkers: Math.max(2, Math.floor(os.availableParallelism() / 2)),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Interoperability with clients outside npm (R's rsdmx): jest.interop.config.js, run by .ci/run.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/interop/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  // jest's order; the shares of --shard cut by the last run's times (test/support/sequencer.js).
  testSequencer: '<rootDir>/test/support/sequencer.js',
};
