import { defineConfig } from 'vitest/config';

// End-to-end: Playwright (playwright-core + Debian chromium) against `npm run serve`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
