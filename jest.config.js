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
  // Two files at once on two cores; each jest worker has a database of its own (test/support/env.ts).
  // JEST_MAX_WORKERS=1 runs one file at a time.
  maxWorkers: Number(process.env.JEST_MAX_WORKERS ?? 2),
};
