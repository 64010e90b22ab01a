/** Jest runs TypeScript through SWC as native ES modules (MikroORM 7 is ESM-only). */
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  testTimeout: 120_000,
  // Three files at once on two cores: a file spends most of its time waiting on calls in real time
  // (platform/escalation.test.ts used 23% of a core), so a third keeps the cores busier without
  // starving the others. Each jest worker has a database of its own (test/support/env.ts).
  // JEST_MAX_WORKERS=1 runs one file at a time.
  maxWorkers: Number(process.env.JEST_MAX_WORKERS ?? 3),
};
