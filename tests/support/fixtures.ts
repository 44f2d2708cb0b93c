import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Real market data lives beside the repo in ../shared/fixtures (never copied in). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES_DIR = process.env.TAPEDECK_FIXTURES ?? join(repoRoot, '..', 'shared', 'fixtures');
export const hasFixtures = existsSync(join(FIXTURES_DIR, 'README.md'));
export const fixture = (...parts: string[]): string => join(FIXTURES_DIR, ...parts);

if (!hasFixtures) {
  console.warn(`[fixtures] ${FIXTURES_DIR} is absent: tests that need real market data are skipped.`);
}
