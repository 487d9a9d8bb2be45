/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Packages the e2e suite dockerizes carry test files of their own: theirs, not ours to run.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/existing/'],
  modulePathIgnorePatterns: ['<rootDir>/packages/', '<rootDir>/generators/dist/', '<rootDir>/test/fixtures/apps/', '<rootDir>/test/fixtures/workspaces/'],
  testTimeout: 60000,
};
