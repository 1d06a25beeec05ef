/**
 * The interoperability tests: clients the hub did not write and npm does not ship (R's
 * rsdmx from Debian's r-cran-rsdmx) read a running hub. Outside `npm test`, so that a
 * user's test run needs no R; .ci/run installs the clients and runs these.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/'], testMatch: ['<rootDir>/test/interop/**/*.test.ts'] };
