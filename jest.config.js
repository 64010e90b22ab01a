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
  // One file at a time: two at once on two cores made the real-time call tests miss their waits.
  maxWorkers: 1,
};
