/**
 * Drill (issue 15): load. Five depth streams from a firehose gateway in another process (5,000 msg/s each)
 * recorded by the real app, while a 200k-event session replays at 100× and the day's report is built again
 * and again. Checked: no depth message lost (what the app recorded equals, per name, what the gateway sent),
 * the heap flat after GC. Printed, not asserted (speed goals are for benchmarks): the main event loop's p99
 * and the heap figures. CI runs 15 s; `npm run test:soak` 10 minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecorderStatus } from '../../../src-shared/contract/features/recorder';
import type { ReplayInfo } from '../../../src-shared/contract/features/replay';
import { type App, createApp } from '../../../src-main/app';
import { createLogger } from '../../../src-main/platform/log';
import { synthEvents, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const RUN_MS = process.env.TAPEDECK_SOAK ? 600_000 : 15_000;
const RATE = 5_000;
const NAMES: Record<string, number> = { AAPL: 265598, SPY: 756733, MSFT: 272093, TSLA: 76792991, META: 107113386 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

async function firehose(): Promise<{ proc: ChildProcess; port: number; halt(): Promise<Record<string, number>> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/firehose-sim.ts', String(RATE)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  const port = await waitFor(() => Number(/listening on (\d+)/.exec(out)?.[1] ?? 0) || null, { timeout: 30_000, message: 'firehose listening' });
  return {
    proc,
    port,
    halt: async () => {
      proc.stdin!.write('halt\n');
      const line = await waitFor(() => /sent (\{.*\})\n/.exec(out)?.[1] ?? null, { timeout: 10_000, message: 'firehose counts' });
      return JSON.parse(line) as Record<string, number>;
    },
  };
}

describe('drill: load', () => {
  const tmp = makeTempDir('tapedeck-load-');
  const closers: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    tmp.cleanup();
  });

  it(`5 streams × ${RATE} msg/s for ${RUN_MS / 1000} s with a replay at 100× and reports: nothing lost, heap flat`, { timeout: RUN_MS + 180_000 }, async () => {
    const fh = await firehose();
    closers.push(() => void fh.proc.kill('SIGTERM'));
    const replayDir = writeSynthSession(tmp.dir, 'ZZRP', synthEvents({ start: Date.UTC(2026, 10, 30, 14, 30), events: 200_000, seed: 3 }), Date.UTC(2026, 10, 30, 14, 30)).dir;
    const app: App = await createApp({ dataDir: tmp.dir, carrier: 'websocket', version: 'test', gateway: { host: '127.0.0.1', port: fh.port }, pdfPrinter: null, log: createLogger('load') });
    closers.push(() => app.dispose());
    const ctx = { clientId: 'load' };
    const call = async <T>(name: string, input?: unknown): Promise<T> => {
      const r = await app.router.dispatch(name, input, ctx);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    };
    await waitFor(async () => (await app.router.dispatch('broker:status', undefined, ctx)).ok && app.broker.status().state === 'connected', { timeout: 30_000, message: 'connected' });
    await call('recorder:start', { symbols: Object.keys(NAMES) });
    const status = () => call<RecorderStatus>('recorder:status');
    await waitFor(async () => (await status()).streams.filter((s) => s.depthMessages > 0).length === 5, { timeout: 30_000, message: 'five streams flowing' });

    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const heapStart = heapAfterGc();
    const replay = await call<ReplayInfo>('replay:open', { path: replayDir });
    await call('replay:play', { replayId: replay.replayId, speed: 100 });
    const until = Date.now() + RUN_MS;
    let reports = 0;
    let replays = 1;
    while (Date.now() < until) {
      await call('reports:build', { date: '2026-11-30', formats: ['md', 'csv', 'html'] });
      reports++;
      await new Promise((r) => setTimeout(r, 1_000));
      const f = await call<{ atEnd: boolean; playing: boolean }>('replay:pause', { replayId: replay.replayId });
      if (f.atEnd) {
        await call('replay:seek', { replayId: replay.replayId, seq: 0 });
        replays++;
      }
      await call('replay:play', { replayId: replay.replayId, speed: 100 });
    }
    loop.disable();
    const heapEnd = heapAfterGc();

    // Stop the gateway's streams, let the app drain, then compare name by name.
    const sent = await fh.halt();
    await waitFor(async () => {
      const st = await status();
      return Object.entries(NAMES).every(([s, conId]) => st.streams.find((x) => x.symbol === s)?.depthMessages === sent[conId]);
    }, { timeout: 30_000, message: 'the app recorded every message the gateway sent' });
    const st = await status();
    const total = st.streams.reduce((n, s) => n + s.depthMessages, 0);
    const p99 = loop.percentile(99) / 1e6;
    console.log(`drill_load_messages: ${total}`);
    console.log(`drill_load_event_loop_p99: ${p99.toFixed(1)} ms`);
    console.log(`drill_load_event_loop_max: ${(loop.max / 1e6).toFixed(1)} ms`);
    console.log(`drill_load_heap_growth: ${((heapEnd - heapStart) / 2 ** 20).toFixed(1)} MB (start ${(heapStart / 2 ** 20).toFixed(0)} MB)`);
    console.log(`drill_load_reports: ${reports}, replay passes: ${replays}`);
    expect(total).toBeGreaterThan(5 * RATE * (RUN_MS / 1000) * 0.5);
    // Flat: bounded buffers and caches, no growth with the message count.
    expect(heapEnd - heapStart).toBeLessThan(64 * 2 ** 20);
    await call('recorder:stop', { symbol: 'AAPL' });
  });
});
