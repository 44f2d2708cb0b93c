/**
 * Runs @stoqey/ib's own compiled live tests against the simulator (scripts/peer-conformance.mjs).
 * No setupFilesAfterEnv: dist/tests/setup.js needs the dev-only `ajv`.
 */
module.exports = {
  rootDir: 'node_modules/@stoqey/ib/dist',
  testEnvironment: 'node',
  testMatch: ['**/tests/**/*.test.js'],
  testPathIgnorePatterns: [],
  transformIgnorePatterns: ['.*'],
  transform: {},
  haste: { retainAllFiles: true },
};
