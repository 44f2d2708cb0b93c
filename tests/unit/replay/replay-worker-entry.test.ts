import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replayWorkerEntry } from '../../../src-main/replay/replay-proxy';

/** Packages the replay worker's code reaches at run time, following its relative imports (type-only ones erased). */
function runtimePackages(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)) {
    if (m[2]) continue;
    const spec = m[3] ?? m[4] ?? m[5];
    if (!spec.startsWith('.')) {
      out.add(spec);
      continue;
    }
    const base = resolve(dirname(file), spec);
    const target = [`${base}.ts`, `${base}/index.ts`, base].find((p) => existsSync(p) && !p.endsWith('/'));
    if (!target) throw new Error(`cannot resolve ${spec} from ${file}`);
    for (const p of runtimePackages(target, seen)) out.add(p);
  }
  return out;
}

describe('replay worker entry', () => {
  it('runs the TypeScript source through the tsx bootstrap, and the bundle beside main.js', () => {
    const source = replayWorkerEntry();
    expect(source.pathname).toMatch(/src-main\/replay\/replay-worker-source\.mjs$/);
    expect(existsSync(fileURLToPath(source))).toBe(true);
    expect(replayWorkerEntry('file:///app/resources/app.asar/out/main/main.js').href).toBe('file:///app/resources/app.asar/out/main/replay-worker.js');
  });

  it('loads neither electron nor SQLite (nor IB, DuckDB or ws) into the worker', () => {
    const worker = runtimePackages(fileURLToPath(new URL('../../../src-main/replay/replay-worker.ts', import.meta.url)));
    expect([...worker]).toEqual(expect.arrayContaining(['node:worker_threads', 'apache-arrow']));
    expect([...worker].filter((p) => ['electron', 'better-sqlite3', '@stoqey/ib', '@duckdb/node-api', 'ws'].includes(p))).toEqual([]);
    // The walk sees them where they are: the app's composition root reaches SQLite.
    expect([...runtimePackages(fileURLToPath(new URL('../../../src-main/app.ts', import.meta.url)))]).toContain('better-sqlite3');
  });
});
