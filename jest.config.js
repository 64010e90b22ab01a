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
  // Two files at a time: the suites spend most of their time waiting on real-time calls, and each has its own tenant, task queue and ports.
  maxWorkers: 2,
};
