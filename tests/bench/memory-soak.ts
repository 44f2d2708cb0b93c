/**
 * Child process of the memory bench (started with --expose-gc by memory-bench.ts, never on its own in a
 * suite): boots the app as `npm run serve -- --demo` does, idles, then records 5 scanner names with the
 * demo market accelerated, and prints one JSON sample a line. Heaps are measured after a full GC in both
 * isolates (the app's thread and the demo gateway's worker).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { RecorderStatus } from '../../src-shared/contract/features/recorder';
import type { ScannerRow } from '../../src-shared/contract/features/scanner';
import { createApp } from '../../src-main/app';
import { createLogger } from '../../src-main/platform/log';

export interface SoakSample {
  phase: 'idle' | 'streams';
  /** Seconds since the app was created. */
  t: number;
  rss: number;
  mainHeap: number;
  workerHeap: number;
  /** Heap the two isolates hold from the OS (live data plus room V8 keeps), bytes. */
  heapCommitted: number;
  external: number;
  streams: number;
  depthMessages: number;
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const idleSeconds = env('SOAK_IDLE_SECONDS', 40);
const streamSeconds = env('SOAK_STREAM_SECONDS', 140);
const sampleSeconds = env('SOAK_SAMPLE_SECONDS', 5);
const speed = env('SOAK_SPEED', 10);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-soak needs --expose-gc');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-soak-'));
  const app = await createApp({ dataDir: dir, carrier: 'websocket', version: 'bench', demo: true, demoOptions: { speed }, log: createLogger('soak') });
  const t0 = performance.now();
  const ctx = { clientId: 'bench' };
  const sample = async (phase: SoakSample['phase']): Promise<void> => {
    gc!();
    const worker = await app.demoGateway()?.workerHeap();
    const rec = await app.router.dispatch('recorder:status', undefined, ctx);
    const streams = rec.ok ? (rec.value as RecorderStatus).streams.filter((s) => s.state === 'recording') : [];
    const s: SoakSample = {
      phase, t: (performance.now() - t0) / 1000, rss: process.memoryUsage().rss, mainHeap: getHeapStatistics().used_heap_size,
      workerHeap: worker?.used ?? 0, heapCommitted: getHeapStatistics().total_heap_size + (worker?.total ?? 0),
      external: process.memoryUsage().external, streams: streams.length, depthMessages: streams.reduce((a, x) => a + x.depthMessages, 0),
    };
    process.stdout.write(`${JSON.stringify(s)}\n`);
  };
  try {
    for (let t = sampleSeconds; t <= idleSeconds; t += sampleSeconds) {
      await sleep(sampleSeconds * 1000);
      await sample('idle');
    }
    const snap = await app.router.dispatch('scanner:snapshot', undefined, ctx);
    const rows = snap.ok ? (snap.value as { rows: ScannerRow[] }).rows.filter((r) => r.last !== null) : [];
    if (rows.length < 5) throw new Error(`only ${rows.length} quoted scanner rows after ${idleSeconds} s`);
    const started = await app.router.dispatch('recorder:start', { symbols: rows.slice(0, 5).map((r) => r.symbol) }, ctx);
    if (!started.ok) throw new Error(`recorder:start failed: ${started.error.message}`);
    for (let t = sampleSeconds; t <= streamSeconds; t += sampleSeconds) {
      await sleep(sampleSeconds * 1000);
      await sample('streams');
    }
  } finally {
    await app.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`memory soak failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
