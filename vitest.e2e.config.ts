import { defineConfig } from 'vitest/config';

// End-to-end: Playwright (playwright-core + Debian chromium) against `npm run serve`.
export default defineConfig({
  test: {
    // CI also writes a JSON report; .ci/run adds the counts up into one closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest-e2e.json' }]] : ['default'],
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
