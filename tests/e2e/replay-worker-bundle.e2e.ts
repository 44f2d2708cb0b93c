/**
 * The production build's replay worker (out/main/replay-worker.js, from `npm run build`): it sits where the
 * bundled main process looks for it, runs under plain Node (no tsx, no TypeScript), pulls in neither
 * electron nor SQLite, and serves a replay end to end through ReplayProxy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReplayFrame } from '../../src-shared/contract/features/replay';
import { etToEpoch } from '../../src-shared/domain/market-time';
import { createLogger } from '../../src-main/platform/log';
import { ReplayProxy, replayWorkerEntry } from '../../src-main/replay/replay-proxy';
import { synthEvents, writeSynthSession } from '../support/synthetic-session';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';

const OUT = resolve('out/main');
const WORKER = join(OUT, 'replay-worker.js');
const FORBIDDEN = ['electron', 'better-sqlite3', '@stoqey/ib', '@duckdb/node-api', 'ws'];

/** Every bare module the bundle file imports, following its relative imports (the shared chunks). */
function bareImports(file: string, seen = new Set<string>()): Set<string> {
  const bare = new Set<string>();
  if (seen.has(file)) return bare;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;"]*?from\s*"([^"]+)"|(?:^|\n)\s*import\s*"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) for (const b of bareImports(resolve(dirname(file), spec), seen)) bare.add(b);
    else bare.add(spec);
  }
  return bare;
}

describe('production replay worker bundle', () => {
  const tmp = makeTempDir('tapedeck-replay-bundle-');
  afterAll(() => tmp.cleanup());

  it('is where the bundled main process starts it, and imports no electron or SQLite', () => {
    expect(existsSync(WORKER), 'run `npm run build` first').toBe(true);
    // replayWorkerEntry() is bundled into main.js itself, so it resolves beside main.js.
    const resolver = readdirSync(OUT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js') && readFileSync(join(OUT, f), 'utf8').includes('replay-worker-source.mjs'));
    expect(resolver).toEqual(['main.js']);
    expect(fileURLToPath(replayWorkerEntry(pathToFileURL(join(OUT, 'main.js')).href))).toBe(WORKER);
    // The walk finds electron and SQLite where they are (the main bundle), so their absence below means something.
    expect([...bareImports(join(OUT, 'main.js'))]).toEqual(expect.arrayContaining(['electron', 'better-sqlite3']));
    const bare = [...bareImports(WORKER)];
    expect(bare).toContain('apache-arrow');
    expect(bare.filter((b) => FORBIDDEN.includes(b) || FORBIDDEN.some((f) => b.startsWith(`${f}/`)))).toEqual([]);
  });

  it('serves open, seek, play and analysis under plain Node', async () => {
    const start = etToEpoch('2026-11-30', 10, 0);
    const s = writeSynthSession(tmp.dir, 'BND', synthEvents({ start, events: 3_000, seed: 9 }), start);
    const frames: ReplayFrame[] = [];
    const proxy = new ReplayProxy({ catalog: { list: () => [] }, emitFrame: (f) => frames.push(f), log: createLogger('replay-bundle'), entry: pathToFileURL(WORKER) });
    try {
      const opened = await proxy.open({ path: s.dir }, 'e2e');
      if (!opened.ok) throw new Error(opened.error.message);
      const id = opened.value.replayId;
      const seek = await proxy.seek({ replayId: id, seq: 1_500 });
      expect(seek.ok && seek.value.seq).toBe(1_500);
      const analysis = await proxy.analysis({ replayId: id });
      expect(analysis.ok && analysis.value.sessions).toEqual([s.sessionId]);
      expect((await proxy.play({ replayId: id, speed: 'max' })).ok).toBe(true);
      await waitFor(() => frames.at(-1)?.playing === false, { timeout: 10_000, message: 'a frame at the end' });
      expect(frames.at(-1)!.seq).toBe(opened.value.events);
    } finally {
      await proxy.terminate('test over');
    }
  });
});
