import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Suppression {
  file: string;
  line: number;
  checks: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist', 'test-results', 'coverage']);
const SOURCE = /\.(ts|tsx|js|jsx|cjs|mjs|html|htm)$/;
// Electronegativity's own annotation syntax (its src/util/exceptions.js).
const ANNOTATION = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable[ \t]+([\w \t]+)/;

/**
 * Every `eng-disable` annotation under root. The tool silently drops the findings they cover, so
 * `npm run security` prints them: a suppression stays visible in CI and is explained in docs/security.md.
 */
export function findSuppressions(root: string, dir = root): Suppression[] {
  const out: Suppression[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...findSuppressions(root, path));
    } else if (SOURCE.test(entry.name)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = ANNOTATION.exec(text);
          if (m) out.push({ file: relative(root, path), line: i + 1, checks: m[1].trim() });
        });
    }
  }
  return out;
}
