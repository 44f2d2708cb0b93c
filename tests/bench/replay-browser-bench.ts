/**
 * `npm run bench -- replay-browser`: the renderer's main-thread time per frame while a replay plays at 100×,
 * in a real browser (Debian's chromium through playwright-core) against `serve --demo`. A synthetic
 * 200,000-event session is written into serve's data directory and opened by its folder (a recording long
 * enough that 100× plays for the whole measurement); once the heatmap's column cache and the analysis
 * panes are ready, it plays at 100× and Chrome's own trace (devtools.timeline) gives every task of the
 * page's main thread. Main-thread time per frame = the busy time inside each 16.7 ms frame interval (tasks
 * clipped to the interval), p50 and p99 over the intervals of the measurement. Needs `npm run build` first.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { etToEpoch } from '../../src-shared/domain/market-time';
import { openBrowser, startServe, waitForReady } from '../e2e/harness';
import { synthEvents, writeSynthSession } from '../support/synthetic-session';
import { makeTempDir } from '../support/temp-dir';
import type { BenchResult } from './book-bench';

const FRAME_MS = 1000 / 60;
/** A main-thread task in Chrome's trace (the older name first seen in Chrome < 100). */
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const step = (what: string) => process.env.BENCH_VERBOSE && console.error(`replay-browser: ${what}`);
const MEASURE_MS = Number(process.env.REPLAY_BROWSER_MEASURE_MS ?? 8_000);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs, when the trace records it: excludes time the thread was descheduled. */
  tdur?: number;
  args?: { name?: string };
}

async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
  // BENCH_TRACE_CATEGORIES: more categories for a diagnosis (e.g. add blink,cc,gpu,v8), at some cost to the figure.
  const categories = process.env.BENCH_TRACE_CATEGORIES ?? 'devtools.timeline,toplevel';
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  await during();
  step('tracing end');
  await cdp.send('Tracing.end');
  await done;
  step(`trace: ${events.length} events`);
  // BENCH_TRACE_OUT=file.json: the raw trace, for chrome://tracing, Perfetto or a script.
  if (process.env.BENCH_TRACE_OUT) writeFileSync(process.env.BENCH_TRACE_OUT, JSON.stringify({ traceEvents: events }));
  return events;
}

/** Busy ms of the busiest renderer main thread (the page's) in each frame interval of [t0, t1] (µs). */
export function busyPerFrame(events: TraceEvent[], cpu = false): number[] {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK_NAMES.has(e.name) || !mains.has(k)) continue;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const total = (xs: TraceEvent[]) => xs.reduce((a, e) => a + (e.dur ?? 0), 0);
  const tasks = [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  if (!tasks.length) return [];
  const t0 = tasks.reduce((m, e) => Math.min(m, e.ts), Infinity);
  const t1 = tasks.reduce((m, e) => Math.max(m, e.ts + (e.dur ?? 0)), -Infinity);
  const slot = FRAME_MS * 1000;
  const busy = new Float64Array(Math.ceil((t1 - t0) / slot) + 1);
  for (const e of tasks) {
    const a = e.ts;
    const z = e.ts + (e.dur ?? 0);
    // By slot index (a fractional slot makes "advance to the next edge" stall on rounding).
    // CPU: the task's thread time spread over its wall span in proportion (a task is rarely longer than a frame).
    const share = cpu ? (e.tdur ?? e.dur ?? 0) / Math.max(1, e.dur ?? 0) : 1;
    for (let k = Math.floor((a - t0) / slot); k <= Math.floor((z - t0) / slot) && k < busy.length; k++) {
      const overlap = Math.min(z, t0 + (k + 1) * slot) - Math.max(a, t0 + k * slot);
      if (overlap > 0) busy[k] += overlap * share;
    }
  }
  return Array.from(busy, (us) => us / 1000);
}

/** Verbose runs: total ms per trace event name on the page's main thread, largest first. */
function breakdown(events: TraceEvent[]): string {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const by = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('\n');
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** BENCH_PROFILE runs: inclusive ms per function (by name) from V8's sampling profile, largest first. */
function selfTimes(p: CpuProfile): string {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const incl = new Map<string, number>();
  const walk = (id: number, seen: Set<string>): number => {
    const n = byId.get(id)!;
    let t = self.get(id) ?? 0;
    const name = n.callFrame.functionName || '(anonymous)';
    const inner = new Set(seen).add(name);
    for (const c of n.children ?? []) t += walk(c, inner);
    if (!seen.has(name)) incl.set(name, (incl.get(name) ?? 0) + t);
    return t;
  };
  walk(p.nodes[0].id, new Set());
  return [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('\n');
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

async function openSynthetic(page: Page, dir: string): Promise<void> {
  await page.getByTestId('tab-replay').click();
  await page.getByTestId('replay-folder').fill(dir);
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.waitForSelector('[data-testid="replay-heatmap"][data-cache-ready="true"]', { timeout: 120_000 });
  // A selector, not a waitForFunction string: polling a string evaluates it, which the page's CSP refuses.
  await page.waitForSelector('[data-testid="replay-panes"]:not([data-buckets=""]):not([data-buckets="0"])', { timeout: 60_000 });
}

export async function benchReplayBrowser(): Promise<BenchResult[]> {
  if (!existsSync(join('out', 'renderer', 'index.html'))) throw new Error('the renderer is not built: run npm run build first');
  const tmp = makeTempDir('tapedeck-bench-replay-browser-');
  const start = etToEpoch('2026-11-30', 10, 0);
  const s = writeSynthSession(tmp.dir, 'BENCH', synthEvents({ start, events: 200_000, seed: 5 }), start);
  step(`session written (${s.dir})`);
  const serve = await startServe(['--demo'], tmp.dir);
  const browser = await openBrowser();
  try {
    const { page, context } = browser;
    await page.goto(serve.url);
    await waitForReady(page);
    // REPLAY_BROWSER_RENDERER=canvas2d measures the heatmap's fallback path (heatmap-body.ts reads this key).
    if (process.env.REPLAY_BROWSER_RENDERER) {
      await page.evaluate(`localStorage.setItem('tapedeck.heatmap.renderer', ${JSON.stringify(process.env.REPLAY_BROWSER_RENDERER)})`);
      await page.reload();
      await waitForReady(page);
    }
    step('app ready');
    await openSynthetic(page, s.dir);
    step('replay open, cache and panes ready');
    await page.getByTestId('replay-speed').selectOption('100');
    // REPLAY_BROWSER_HIDE=testid,testid: a diagnostic, what the frame costs without those views.
    for (const id of (process.env.REPLAY_BROWSER_HIDE ?? '').split(',').filter(Boolean)) {
      await page.evaluate(`document.querySelector('[data-testid="${id}"]').style.display = 'none'`);
    }
    const cdp = await context.newCDPSession(page);
    let frames = 0;
    const events = await trace(cdp, async () => {
      if (process.env.BENCH_PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      // REPLAY_BROWSER_IDLE=1: a diagnostic, what the page costs with the replay paused (the app's other work).
      const idle = Boolean(process.env.REPLAY_BROWSER_IDLE);
      if (!idle) await page.getByTestId('replay-play').click();
      const before = Number(await page.getByTestId('replay-heatmap').getAttribute('data-playhead-seq'));
      // Frames painted while measuring, counted by a rAF loop in the page.
      // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
      frames = (await page.evaluate(`new Promise((res) => {
        let n = 0;
        const t0 = performance.now();
        const tick = () => (performance.now() - t0 < ${MEASURE_MS} ? (n++, requestAnimationFrame(tick)) : res(n));
        requestAnimationFrame(tick);
      })`)) as number;
      if (process.env.BENCH_PROFILE) console.error(selfTimes((await cdp.send('Profiler.stop')).profile as CpuProfile));
      const after = Number(await page.getByTestId('replay-heatmap').getAttribute('data-playhead-seq'));
      if (!idle && !(after > before)) throw new Error(`the replay did not move while playing (seq ${before} → ${after})`);
    });
    if (!process.env.REPLAY_BROWSER_IDLE) await page.getByTestId('replay-play').click();
    if (process.env.BENCH_VERBOSE) console.error(breakdown(events));
    const busy = busyPerFrame(events).slice(1, -1); // the first and last intervals are partly outside the trace
    const withCpu = events.some((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.tdur !== undefined);
    const cpu = withCpu ? busyPerFrame(events, true).slice(1, -1) : [];
    return [
      { name: 'replay_ui main-thread per frame at 100x p50', value: pct(busy, 0.5), unit: 'ms' },
      { name: 'replay_ui main-thread per frame at 100x p99', value: pct(busy, 0.99), unit: 'ms' },
      { name: 'replay_ui main-thread per frame at 100x mean', value: busy.reduce((a, b) => a + b, 0) / Math.max(1, busy.length), unit: 'ms' },
      { name: 'replay_ui frames painted per second at 100x', value: frames / (MEASURE_MS / 1000), unit: 'fps' },
      // The same with the thread's CPU time (the trace's tdur): what the page itself costs, without the time a
      // loaded machine took the CPU away from it.
      ...(withCpu
        ? [
            { name: 'replay_ui main-thread cpu per frame at 100x p50', value: pct(cpu, 0.5), unit: 'ms' },
            { name: 'replay_ui main-thread cpu per frame at 100x p99', value: pct(cpu, 0.99), unit: 'ms' },
            { name: 'replay_ui main-thread cpu per frame at 100x mean', value: cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length), unit: 'ms' },
          ]
        : []),
    ];
  } finally {
    await browser.close();
    await serve.stop();
    tmp.cleanup();
  }
}
