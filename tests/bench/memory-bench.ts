/**
 * `npm run bench -- memory`: an accelerated soak of the app's process (budget: < 300 MB RSS idle with the
 * demo, < 400 MB after an hour of 5 streams, a flat heap). Runs memory-soak.ts in a child with --expose-gc
 * so heaps are read after a full GC. Default ~3 minutes: 40 s idle, then 140 s of 5 streams with the demo
 * market at 10× (≈ 23 simulated minutes). SOAK_MINUTES=60 (or SOAK_IDLE_SECONDS / SOAK_STREAM_SECONDS /
 * SOAK_SPEED) for a longer one; SOAK_VERBOSE=1 prints every sample.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { SoakSample } from './memory-soak';

type Figure = { name: string; value: number; unit: string };
const MB = 1024 * 1024;

/** Least-squares slope of y over x. */
export function slope(points: ReadonlyArray<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const sxy = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/**
 * "Heap after GC" still catches whatever is in flight at that instant (a recorder batch, a history reply):
 * the lower envelope, the least of every 3 consecutive samples, is what stays, and its slope is the leak.
 */
export function lowerEnvelope(points: ReadonlyArray<[number, number]>, window = 3): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i + window <= points.length; i += window) {
    const w = points.slice(i, i + window);
    out.push([w.reduce((a, p) => a + p[0], 0) / window, Math.min(...w.map((p) => p[1]))]);
  }
  return out;
}

function stddev(values: readonly number[]): number {
  const m = values.reduce((a, v) => a + v, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length);
}

function runSoak(): Promise<SoakSample[]> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 0);
  const env: NodeJS.ProcessEnv = { ...process.env, TAPEDECK_LOG: process.env.TAPEDECK_LOG ?? 'error' };
  if (minutes > 0) env.SOAK_STREAM_SECONDS ??= String(Math.round(minutes * 60));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', resolve('tests/bench/memory-soak.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: SoakSample[] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (!line.startsWith('{')) continue;
      samples.push(JSON.parse(line) as SoakSample);
      // SOAK_VERBOSE=1 shows each sample on stderr (stdout stays `name: value unit`).
      if (process.env.SOAK_VERBOSE) process.stderr.write(`${line}\n`);
    }
  });
  return new Promise((res, rej) => child.on('exit', (code) => (code === 0 ? res(samples) : rej(new Error(`memory soak exited ${code}`)))));
}

export function soakFigures(samples: readonly SoakSample[]): Figure[] {
  const idle = samples.filter((s) => s.phase === 'idle');
  const streams = samples.filter((s) => s.phase === 'streams');
  if (!idle.length || !streams.length) throw new Error('memory soak gave no samples');
  const lastIdle = idle[idle.length - 1];
  const last = streams[streams.length - 1];
  // Steady state: the second half of the streaming phase (the first fills caches, files and books).
  const steady = streams.slice(Math.floor(streams.length / 2));
  const perMinute = (pick: (s: SoakSample) => number) => slope(lowerEnvelope(steady.map((s) => [s.t / 60, pick(s) / MB])));
  const noise = (pick: (s: SoakSample) => number) => stddev(steady.map((s) => pick(s) / MB));
  const minutes = (last.t - streams[0].t) / 60;
  return [
    { name: 'memory_idle_rss', value: lastIdle.rss / MB, unit: 'MB' },
    { name: 'memory_idle_main_heap_after_gc', value: lastIdle.mainHeap / MB, unit: 'MB' },
    { name: 'memory_idle_worker_heap_after_gc', value: lastIdle.workerHeap / MB, unit: 'MB' },
    { name: 'memory_idle_heap_committed', value: lastIdle.heapCommitted / MB, unit: 'MB' },
    { name: 'memory_idle_external', value: lastIdle.external / MB, unit: 'MB' },
    { name: 'memory_streams_count', value: last.streams, unit: 'streams' },
    { name: 'memory_streams_depth_messages', value: last.depthMessages, unit: 'msgs' },
    { name: 'memory_streams_minutes', value: minutes, unit: 'min' },
    { name: 'memory_streams_rss_end', value: last.rss / MB, unit: 'MB' },
    { name: 'memory_streams_rss_max', value: Math.max(...streams.map((s) => s.rss)) / MB, unit: 'MB' },
    { name: 'memory_streams_main_heap_after_gc_end', value: last.mainHeap / MB, unit: 'MB' },
    { name: 'memory_streams_worker_heap_after_gc_end', value: last.workerHeap / MB, unit: 'MB' },
    { name: 'memory_streams_heap_committed_end', value: last.heapCommitted / MB, unit: 'MB' },
    { name: 'memory_streams_main_heap_slope', value: perMinute((s) => s.mainHeap), unit: 'MB/min' },
    { name: 'memory_streams_worker_heap_slope', value: perMinute((s) => s.workerHeap), unit: 'MB/min' },
    { name: 'memory_streams_rss_slope', value: perMinute((s) => s.rss), unit: 'MB/min' },
    { name: 'memory_streams_main_heap_noise_sd', value: noise((s) => s.mainHeap), unit: 'MB' },
    { name: 'memory_streams_worker_heap_noise_sd', value: noise((s) => s.workerHeap), unit: 'MB' },
  ];
}

export async function benchMemory(): Promise<Figure[]> {
  return soakFigures(await runSoak());
}
