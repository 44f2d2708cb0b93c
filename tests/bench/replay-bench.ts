/**
 * Replay budgets (DESIGN.md §8) on a synthetic 1 M-event session recorded by the real SessionWriter:
 * seek p50/p99 (goal p99 ≤ 25 ms) by event and by time from a cold start, keyframe + index build for a
 * session recorded without them, and the keyframe check on first open. Then the app's way (ReplayProxy, the
 * replay worker thread): how long this thread's event loop stalls at most while the worker opens and
 * analyses the full day (the IB socket and the order path run on it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src-main/platform/clock';
import { SessionWriter } from '../../src-main/recorder/session-writer';
import { SessionReader } from '../../src-main/recording-format/session-reader';
import { CHECK_FILE, loadKeyframes } from '../../src-main/replay/keyframe-check';
import { loadTimeline } from '../../src-main/replay/load-timeline';
import { ReplayEngine } from '../../src-main/replay/replay-engine';
import { ReplayCore } from '../../src-main/replay/replay-core';
import { ReplayProxy } from '../../src-main/replay/replay-proxy';
import { calls } from '../../src-shared/contract/calls';
import { createLogger } from '../../src-main/platform/log';
import { watchLoop } from '../support/loop-stall';
import { rng, syntheticDepth } from '../support/synthetic-depth';

type Figure = { name: string; value: number; unit: string };
const EVENTS = 1_000_000;
const SEEKS = 1000;

function record(dataDir: string): { dir: string; ms: number } {
  const t0 = Date.UTC(2024, 5, 21, 13, 30, 0);
  const clock = new ManualClock(t0);
  const w = new SessionWriter({ dataDir, symbol: 'SYN', instrument: null, clock, snapshotLevels: 10 });
  const gen = syntheticDepth(42, t0, { makers: true, maxRows: 40, msPerOp: 0.25 });
  let nextFlush = t0 + 1000;
  const start = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const d = gen.next();
    clock.set(d.tsRecv);
    w.depth(d);
    if (i % 500 === 0) w.trade({ tsEvent: d.tsRecv, tsRecv: d.tsRecv, price: d.price, size: 100, exchange: 'NSDQ', conditions: '' });
    if (d.tsRecv >= nextFlush) {
      w.flush(); // the recorder's 1 s timer
      nextFlush += 1000;
    }
  }
  w.close(clock.now());
  return { dir: w.dir, ms: performance.now() - start };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Wall and CPU time per seek: on a shared machine the CPU time shows the work, the wall time the waits too. */
function seeks(dir: string, byTime: boolean): { wall: number[]; cpu: number[] } {
  const tl = loadTimeline([dir]);
  if (!tl.ok) throw new Error(tl.error.message);
  const e = new ReplayEngine(tl.value);
  const rand = rng(byTime ? 2 : 1);
  const out = { wall: [] as number[], cpu: [] as number[] };
  for (let i = 0; i < SEEKS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (byTime) e.seekTime(tl.value.start + rand() * (tl.value.end - tl.value.start));
    else e.seekEvent(Math.floor(rand() * tl.value.events));
    e.frame('bench', 10, { playing: false, speed: 1, fromSeq: 0 });
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

/** Open and a full-day analysis through the worker, with this thread's event loop watched meanwhile. */
async function throughWorker(dir: string): Promise<Figure[]> {
  const proxy = new ReplayProxy({ catalog: { list: () => [] }, emitFrame: () => {}, log: createLogger('replay-bench') });
  try {
    const timed = async <T>(run: () => Promise<T>) => {
      const watch = watchLoop(1);
      const t0 = performance.now();
      const value = await run();
      return { value, ms: performance.now() - t0, stall: watch.stop().maxGapMs };
    };
    const start = await timed(() => proxy.warm());
    const open = await timed(() => proxy.open({ path: dir }, 'bench'));
    if (!open.value.ok) throw new Error(open.value.error.message);
    const replayId = open.value.value.replayId;
    const analysis = await timed(() => proxy.analysis({ replayId }));
    if (!analysis.value.ok) throw new Error(analysis.value.error.message);
    return [
      { name: 'replay_worker_start', value: start.ms, unit: 'ms' },
      { name: 'replay_worker_open_1m', value: open.ms, unit: 'ms' },
      { name: 'replay_worker_open_main_loop_max_stall', value: open.stall, unit: 'ms' },
      { name: 'replay_worker_analysis_full_day_1m', value: analysis.ms, unit: 'ms' },
      { name: 'replay_worker_analysis_main_loop_max_stall', value: analysis.stall, unit: 'ms' },
    ];
  } finally {
    await proxy.terminate('bench over');
  }
}

/**
 * What one 20,000-event chunk of the heatmap's feed costs the main process's thread (the order path's): the
 * router's output check plus the JSON the WebSocket sends, as objects (replay:events) and as columns
 * (replay:eventColumns, what the app uses).
 */
function feedFigures(dir: string): Figure[] {
  const core = new ReplayCore({ emitFrame: () => {}, log: createLogger('bench', () => {}) });
  const info = core.open([dir], 10, 'bench');
  if (!info.ok) throw new Error(info.error.message);
  const N = 20_000;
  const q = (from: number) => ({ replayId: info.value.replayId, fromSeq: from, toSeq: from + N - 1 });
  // Only what runs on the main thread is timed: the worker builds the answer.
  const measure = <T>(answer: (from: number) => T, onMain: (v: T) => void) => {
    const ms: number[] = [];
    for (let k = 0; k < 12; k++) {
      const v = answer(1 + k * N);
      const a = performance.now();
      onMain(v);
      ms.push(performance.now() - a);
    }
    return pct(ms.slice(2), 50);
  };
  const objects = measure((from) => core.events(q(from)), (r) => r.ok && JSON.stringify(calls['replay:events'].output.parse(r.value)));
  const columns = measure((from) => core.eventColumns(q(from)), (r) => r.ok && JSON.stringify(calls['replay:eventColumns'].output.parse(r.value)));
  core.dispose();
  return [
    { name: 'replay_feed_chunk_20k_main_thread_objects', value: objects, unit: 'ms' },
    { name: 'replay_feed_chunk_20k_main_thread_columns', value: columns, unit: 'ms' },
  ];
}

export async function benchReplay(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'replay-bench-'));
  try {
    const { dir, ms: recordMs } = record(root);
    const t1 = performance.now();
    loadKeyframes(SessionReader.open(dir)); // first open: checks every keyframe against its ops
    const checkMs = performance.now() - t1;
    const t2 = performance.now();
    loadTimeline([dir]);
    const openMs = performance.now() - t2;
    const byEvent = seeks(dir, false);
    const byTime = seeks(dir, true);
    const worker = await throughWorker(dir);
    const feed = feedFigures(dir);
    rmSync(join(dir, 'keyframes.arrows'));
    rmSync(join(dir, 'index.arrows'));
    rmSync(join(dir, CHECK_FILE));
    const t3 = performance.now();
    const r = SessionReader.open(dir);
    const indexMs = performance.now() - t3;
    const t4 = performance.now();
    const built = loadKeyframes(r);
    const buildMs = performance.now() - t4;
    return [
      { name: 'replay_synthesize_and_record_1m_events', value: recordMs, unit: 'ms' },
      { name: 'replay_first_open_keyframe_check_1m', value: checkMs, unit: 'ms' },
      { name: 'replay_open_checked_session_1m', value: openMs, unit: 'ms' },
      { name: 'replay_seek_by_event_p50', value: pct(byEvent.wall, 50), unit: 'ms' },
      { name: 'replay_seek_by_event_p99', value: pct(byEvent.wall, 99), unit: 'ms' },
      { name: 'replay_seek_by_event_cpu_p99', value: pct(byEvent.cpu, 99), unit: 'ms' },
      { name: 'replay_seek_by_time_p50', value: pct(byTime.wall, 50), unit: 'ms' },
      { name: 'replay_seek_by_time_p99', value: pct(byTime.wall, 99), unit: 'ms' },
      { name: 'replay_seek_by_time_cpu_p99', value: pct(byTime.cpu, 99), unit: 'ms' },
      { name: 'replay_seek_max', value: Math.max(...byEvent.wall, ...byTime.wall), unit: 'ms' },
      { name: 'replay_index_build_1m', value: indexMs, unit: 'ms' },
      { name: 'replay_keyframe_build_1m', value: buildMs, unit: 'ms' },
      { name: 'replay_keyframes_built', value: built.keyframes.length, unit: 'keyframes' },
      ...worker,
      ...feed,
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
