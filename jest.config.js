/**
 * One Jest run, three projects: `unit` (specs beside the code in libs/ and apps/api: no database, seconds),
 * `integration` (test/*.spec.ts against a migrated database) and `browser` (test/browser, needs `npm run
 * build`). `npm test` runs all three; `npm run test:unit` only the first (`--selectProjects unit`).
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  moduleNameMapper: { '^@koers/(.*)$': '<rootDir>/libs/$1/src' },
};
const withDatabase = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/**/*.spec.ts'] },
    { ...shared, ...withDatabase, displayName: 'integration', testMatch: ['<rootDir>/test/*.spec.ts'] },
    { ...shared, ...withDatabase, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'] },
  ],
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
