import { defineConfig } from 'vitest/config';

// Unit + integration: node environment, real SQLite, real Arrow files, the simulator over TCP.
export default defineConfig({
  test: {
    // CI also writes a JSON report; .ci/run adds the counts up into one closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest-unit.json' }]] : ['default'],
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two cores on CI: keep parallelism modest so socket timing stays honest.
    maxWorkers: 2,
  },
});
