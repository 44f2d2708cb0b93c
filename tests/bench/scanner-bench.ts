/**
 * Scanner figures (DESIGN §8): how fast the grid fills after connecting to the simulator, and what 50 rows
 * changing 10× a second cost the renderer, measured in Chromium on the built renderer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { ScannerRow } from '../../src-shared/contract/features/scanner';
import { ok } from '../../src-shared/contract/result';
import { createApp } from '../../src-main/app';
import { ensureRendererBuilt } from '../../src-main/build-renderer';
import { createLogger } from '../../src-main/platform/log';
import { EventBus } from '../../src-main/transport/event-bus';
import { startHeadlessServer } from '../../src-main/transport/headless-server';
import { createRouter } from '../../src-main/transport/router';
import { recordingHandlers } from '../support/fake-handlers';

type Figure = { name: string; value: number; unit: string };
const log = createLogger('bench');
const CHROMIUM = process.env.TAPEDECK_CHROMIUM ?? '/usr/bin/chromium';
const rendererDir = resolve('out/renderer');

/** Service side: broker connected → ≥ 5 scanner rows with price and gap. */
async function connectToRows(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-bench-'));
  const app = await createApp({ dataDir: dir, carrier: 'websocket', version: 'bench', demo: true, log });
  try {
    const t0 = performance.now();
    let connectedAt = 0;
    for (;;) {
      const now = performance.now();
      if (!connectedAt && app.broker.status().state === 'connected') connectedAt = now;
      const snap = await app.router.dispatch('scanner:snapshot', undefined, { clientId: 'bench' });
      const rows = snap.ok ? (snap.value as { rows: ScannerRow[] }).rows.filter((r) => r.last !== null && r.gapPct !== null) : [];
      if (connectedAt && rows.length >= 5) {
        return [
          { name: 'scanner_connect_ms', value: connectedAt - t0, unit: 'ms' },
          { name: 'scanner_rows_after_connect', value: now - connectedAt, unit: 'ms' },
        ];
      }
      if (now - t0 > 30_000) throw new Error('no scanner rows within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await app.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(i: number, tick: number): ScannerRow {
  const last = 5 + i * 0.37 + Math.sin(tick + i) * 0.05;
  return {
    symbol: `S${String(i).padStart(3, '0')}`, conId: 1000 + i, last, prevClose: 5 + i * 0.3, changePct: 10 + Math.sin(tick * 0.3 + i),
    gapPct: 10 + i * 0.1, gapFrozen: false, premarketVolume: 100_000 + tick * 50 + i, volume: 200_000 + tick * 100 + i,
    rvol: 5 + Math.cos(tick + i), rvolState: 'ready', dailyRvol: null, bid: last - 0.01, ask: last + 0.01, spread: 0.02,
    spreadPct: 0.3, score: 50 + (i % 40), scoreParts: { price: 10, spread: 10, gap: 10, rvol: 10, rank: 10 }, rank: i + 1,
    sources: ['TOP_PERC_GAIN'], firstSeen: 1, halted: false, recording: 'none',
  };
}

/** Collects animation-frame intervals and long tasks for 5 s in the page. */
const FRAME_PROBE = `new Promise((res) => {
  const frames = [];
  let longTasks = 0;
  const po = new PerformanceObserver((l) => { longTasks += l.getEntries().length; });
  po.observe({ entryTypes: ['longtask'] });
  let last = performance.now();
  const end = last + 5000;
  const step = (t) => {
    frames.push(t - last);
    last = t;
    if (t < end) requestAnimationFrame(step); else { po.disconnect(); res({ frames, longTasks }); }
  };
  requestAnimationFrame(step);
})`;

/** Renderer side: frame intervals while 50 rows change 10× a second. */
async function gridUpdateCost(): Promise<Figure[]> {
  ensureRendererBuilt(process.cwd(), rendererDir, true);
  const fake = recordingHandlers();
  let tick = 0;
  fake.handlers['scanner:snapshot'] = () => ok({ rows: Array.from({ length: 50 }, (_, i) => row(i, 0)), updatedAt: 1, error: null });
  const bus = new EventBus(log);
  const server = await startHeadlessServer({ router: createRouter(fake.handlers, log), bus, log, rendererDir, host: '127.0.0.1', port: 0 });
  const timer = setInterval(() => {
    tick++;
    bus.emit('scanner:delta', { upsert: Array.from({ length: 50 }, (_, i) => row(i, tick)), remove: [], error: null, entered: [] });
  }, 100);
  const profile = mkdtempSync(join(tmpdir(), 'tapedeck-bench-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1600, height: 960 },
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="scanner-grid"] .ag-row[row-id="S049"]', { timeout: 30_000 });
    // A string, not a function: tsx would inject its own helpers into a serialised function.
    const m = (await page.evaluate(FRAME_PROBE)) as { frames: number[]; longTasks: number };
    const sorted = [...m.frames].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    return [
      { name: 'scanner_grid_frame_p50_50rows_10hz', value: q(0.5), unit: 'ms' },
      { name: 'scanner_grid_frame_p95_50rows_10hz', value: q(0.95), unit: 'ms' },
      { name: 'scanner_grid_frame_max_50rows_10hz', value: sorted[sorted.length - 1], unit: 'ms' },
      { name: 'scanner_grid_long_tasks_per_5s', value: m.longTasks, unit: 'count' },
    ];
  } finally {
    clearInterval(timer);
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

export async function benchScanner(): Promise<Figure[]> {
  return [...(await connectToRows()), ...(await gridUpdateCost())];
}
