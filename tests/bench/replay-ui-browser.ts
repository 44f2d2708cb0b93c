/**
 * The heatmap in a real page (`npm run bench -- replay-ui --browser`): a synthetic 1 M-event session recorded
 * by the real SessionWriter, opened from its folder in `serve --demo` under headless Chromium (the e2e
 * browser), on the WebGL2 path and then with the 2D path forced. Figures are the page's own main-thread
 * times (`data-frame-ms`, which the heatmap stamps per paint), the cache build as the page saw it, and the
 * long tasks (> 50 ms) the main thread had while the cache built.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src-main/platform/clock';
import { SessionWriter } from '../../src-main/recorder/session-writer';
import { syntheticDepth } from '../support/synthetic-depth';
import { openBrowser, startServe, waitForReady } from '../e2e/harness';

type Figure = { name: string; value: number; unit: string };

function record(dataDir: string, events: number): string {
  const t0 = Date.UTC(2024, 5, 21, 13, 30, 0);
  const clock = new ManualClock(t0);
  const w = new SessionWriter({ dataDir, symbol: 'SYN', instrument: null, clock, snapshotLevels: 10 });
  const gen = syntheticDepth(42, t0, { makers: true, maxRows: 40, msPerOp: 0.25 });
  let nextFlush = t0 + 1000;
  for (let i = 0; i < events; i++) {
    const d = gen.next();
    clock.set(d.tsRecv);
    w.depth(d);
    if (i % 500 === 0) w.trade({ tsEvent: d.tsRecv, tsRecv: d.tsRecv, price: d.price, size: 100, exchange: 'NSDQ', conditions: '' });
    if (d.tsRecv >= nextFlush) {
      w.flush();
      nextFlush += 1000;
    }
  }
  w.close(clock.now());
  return w.dir;
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const attr = async (page: Page, name: string) => (await page.getByTestId('replay-heatmap').getAttribute(name)) ?? '';

/** The frame time of the next paint after `act` (the window changes, so the heatmap repaints). */
async function frameAfter(page: Page, act: () => Promise<void>): Promise<number> {
  const heat = page.getByTestId('replay-heatmap');
  await heat.evaluate((host) => (host.dataset.frameMs = ''));
  await act();
  // A selector, not a waitForFunction string: polling a string evaluates it, which the page's CSP refuses.
  await page.waitForSelector('[data-testid="replay-heatmap"]:not([data-frame-ms=""])', { timeout: 10_000 });
  return Number(await attr(page, 'data-frame-ms'));
}

async function measure(page: Page, dir: string, label: string): Promise<Figure[]> {
  await page.getByTestId('tab-replay').click();
  // Long tasks (> 50 ms) on the page's main thread from here on (a string: the node typecheck has no DOM).
  await page.evaluate("window.longTasks = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => window.longTasks.push(e.duration))).observe({ type: 'longtask' })");
  await page.getByTestId('replay-folder').fill(dir);
  const a = performance.now();
  await page.getByRole('button', { name: 'Open folder' }).click();
  await page.waitForSelector('[data-testid="replay-heatmap"][data-cache-ready="true"][data-frame-ms]', { timeout: 180_000 });
  const open = performance.now() - a;
  const long = (await page.evaluate('window.longTasks')) as number[];
  const cold = Number(await attr(page, 'data-frame-ms'));
  const tl = page.getByTestId('replay-timeline');
  const box = (await tl.boundingBox())!;
  // Zoomed in first (an eighth of the session shown): a seek moves the playhead out of the window, which
  // follows it, so the heatmap repaints. Over the whole session a seek only moves the playhead marks.
  for (let k = 0; k < 3; k++) await frameAfter(page, () => page.getByTestId('heat-zoom-in').click());
  const seeks: number[] = [];
  for (const f of [0.2, 0.4, 0.6, 0.8, 0.3, 0.7, 0.5, 0.9]) seeks.push(await frameAfter(page, () => tl.click({ position: { x: box.width * f, y: box.height / 2 } })));
  const heat = (await page.getByTestId('replay-heatmap').boundingBox())!;
  const pans: number[] = [];
  await page.mouse.move(heat.x + heat.width * 0.8, heat.y + heat.height / 2);
  await page.mouse.down();
  for (let k = 1; k <= 20; k++) pans.push(await frameAfter(page, () => page.mouse.move(heat.x + heat.width * 0.8 - k * 15, heat.y + heat.height / 2)));
  await page.mouse.up();
  const r = `${label} ${await attr(page, 'data-renderer')}`;
  return [
    { name: `replay_ui browser ${r} open to cache ready 1M ops (wall)`, value: open, unit: 'ms' },
    { name: `replay_ui browser ${r} cache build (${await attr(page, 'data-cache-path')})`, value: Number(await attr(page, 'data-cache-build-ms')), unit: 'ms' },
    { name: `replay_ui browser ${r} hand-over per chunk max`, value: Number(await attr(page, 'data-cache-handover-ms')), unit: 'ms' },
    { name: `replay_ui browser ${r} main-thread long tasks while building`, value: long.length, unit: 'tasks' },
    { name: `replay_ui browser ${r} main-thread longest task while building`, value: Math.max(0, ...long), unit: 'ms' },
    { name: `replay_ui browser ${r} first frame with the cache (cold)`, value: cold, unit: 'ms' },
    { name: `replay_ui browser ${r} frame after a seek (warm) p50`, value: p50(seeks), unit: 'ms' },
    { name: `replay_ui browser ${r} frame after a seek (warm) max`, value: Math.max(...seeks), unit: 'ms' },
    { name: `replay_ui browser ${r} pan frame p50`, value: p50(pans), unit: 'ms' },
    { name: `replay_ui browser ${r} pan frame max`, value: Math.max(...pans), unit: 'ms' },
  ];
}

export async function benchReplayUiBrowser(events = 1_000_000): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapedeck-heat-bench-'));
  const dir = record(dataDir, events);
  const serve = await startServe(['--demo'], dataDir);
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await page.goto(serve.url);
    await waitForReady(page);
    const gl = await measure(page, dir, 'default');
    await page.evaluate("localStorage.setItem('tapedeck.heatmap.renderer', 'canvas2d')");
    await page.reload();
    await waitForReady(page);
    const flat = await measure(page, dir, 'forced');
    return [...gl, ...flat];
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
