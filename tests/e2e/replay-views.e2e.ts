import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecorderStatus } from '../../src-shared/contract/features/recorder';
import type { ScannerSnapshot } from '../../src-shared/contract/features/scanner';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady, type ServeHandle } from './harness';
import { paneBucketMs } from '../../src-renderer/src/features/replay/analysis-panes';

const num = async (page: Page, id: string, attr: string): Promise<number> => Number(await page.getByTestId(id).getAttribute(attr));
const heatWindow = async (page: Page) => ({ t0: await num(page, 'replay-heatmap', 'data-view-t0'), t1: await num(page, 'replay-heatmap', 'data-view-t1') });

/** Records one demo name until it has `ms` of depth and some prints, then stops it; returns the symbol. */
async function recordOne(serve: ServeHandle, ms: number): Promise<string> {
  let symbol = '';
  await expect
    .poll(async () => {
      const r = (await callServe(serve, 'scanner:snapshot')) as { value?: ScannerSnapshot };
      symbol = (r.value?.rows ?? []).find((x) => x.last !== null)?.symbol ?? '';
      return symbol;
    }, { timeout: 15_000 })
    .not.toBe('');
  expect(((await callServe(serve, 'recorder:start', { symbols: [symbol] })) as { ok: boolean }).ok).toBe(true);
  const started = Date.now();
  await expect
    .poll(async () => {
      const st = ((await callServe(serve, 'recorder:status')) as { value: RecorderStatus }).value.streams.find((x) => x.symbol === symbol);
      return (st?.depthMessages ?? 0) >= 300 && (st?.tickMessages ?? 0) >= 5 && Date.now() - started >= ms;
    }, { timeout: ms + 30_000, interval: 250 })
    .toBe(true);
  expect(((await callServe(serve, 'recorder:stop', { symbol })) as { ok: boolean }).ok).toBe(true);
  return symbol;
}

describe('replay views (serve --demo)', () => {
  it('zooms and pans the heatmap in time, groups prices, draws candles, exports the analysis and the heatmap', async () => {
    await withApp('replay-views', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      // Long enough for a few 1-minute candles.
      const symbol = await recordOne(serve, Number(process.env.REPLAY_VIEWS_RECORD_MS ?? 75_000));
      // The recorder panel scored the stream's data quality while it recorded.
      await expect.poll(async () => (await page.getByTestId(`stream-quality-${symbol}`).getAttribute('data-score')) ?? '', { timeout: 10_000 }).toMatch(/^\d/);
      await page.getByTestId('tab-replay').click();
      const row = page.locator(`[data-testid^="replay-session-"][data-symbol="${symbol}"]`).first();
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      // The session browser shows the score the recorder kept when the stream stopped.
      await expect.poll(async () => (await row.locator('[data-testid^="replay-quality-"]').getAttribute('data-score')) ?? '', { timeout: 10_000 }).toMatch(/^\d/);
      await row.getByRole('button', { name: 'Open' }).click();
      await expect.poll(() => page.getByTestId('replay-heatmap').getAttribute('data-cache-ready'), { timeout: 20_000 }).toBe('true');
      await expect.poll(async () => num(page, 'replay-candles', 'data-candles'), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

      const tl = page.getByTestId('replay-timeline');
      const [start, end] = [Number(await tl.getAttribute('data-start')), Number(await tl.getAttribute('data-end'))];
      await expect.poll(() => heatWindow(page), { timeout: 5_000 }).toEqual({ t0: start, t1: end });
      // The analysis panes have their series for the whole replay.
      await expect.poll(async () => num(page, 'replay-panes', 'data-buckets'), { timeout: 20_000 }).toBeGreaterThan(0);
      const wholeBucket = await num(page, 'replay-panes', 'data-bucket-ms');

      // Wheel up at 25 % of the heatmap's width: the span shrinks, the instant under the cursor stays there.
      const heat = page.getByTestId('replay-heatmap');
      const box = (await heat.boundingBox())!;
      const under = start + 0.25 * (end - start);
      await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
      await page.mouse.wheel(0, -300);
      await expect.poll(async () => { const w = await heatWindow(page); return w.t1 - w.t0; }, { timeout: 5_000 }).toBeLessThan((end - start) * 0.6);
      const zoomed = await heatWindow(page);
      expect(Math.abs((under - zoomed.t0) / (zoomed.t1 - zoomed.t0) - 0.25)).toBeLessThan(0.02);
      expect(await page.getByTestId('heat-fit').getAttribute('data-zoomed')).toBe('true');
      // The candles share the window.
      await expect.poll(async () => num(page, 'replay-candles', 'data-view-t0'), { timeout: 5_000 }).toBe(zoomed.t0);
      // So do the analysis panes, which ask main again for the visible range only…
      await expect.poll(async () => num(page, 'replay-panes', 'data-view-t0'), { timeout: 5_000 }).toBe(zoomed.t0);
      const slack = async () => zoomed.t0 - (await num(page, 'replay-panes', 'data-bucket-ms'));
      await expect.poll(async () => (await num(page, 'replay-panes', 'data-range-from')) >= (await slack()), { timeout: 10_000 }).toBe(true);
      // …unless told to analyse the whole session.
      await page.getByTestId('panes-scope-session').click();
      await expect.poll(async () => (await num(page, 'replay-panes', 'data-range-from')) < (await slack()), { timeout: 10_000 }).toBe(true);
      // The whole session's bucket again, for the panes' width now (a scrollbar may have come or gone meanwhile).
      const width = await page.getByTestId('replay-panes').evaluate((el) => el.clientWidth);
      await expect.poll(async () => num(page, 'replay-panes', 'data-bucket-ms'), { timeout: 10_000 }).toBe(paneBucketMs(end - start, width));
      expect(wholeBucket).toBeGreaterThan(0);
      await page.getByTestId('panes-scope-visible').click();
      expect(await page.getByTestId('pane-label-cvd').textContent()).toContain('inferred aggressor');

      // Drag left by a fifth of the width: the window moves later by a fifth of its span; a drag never seeks.
      const seqBefore = await num(page, 'replay-heatmap', 'data-playhead-seq');
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 4 });
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      await expect.poll(async () => (await heatWindow(page)).t0, { timeout: 5_000 }).toBeGreaterThan(zoomed.t0);
      const panned = await heatWindow(page);
      expect(Math.abs(panned.t1 - panned.t0 - (zoomed.t1 - zoomed.t0))).toBeLessThanOrEqual(1); // both ends are rounded to ms
      expect((panned.t0 - zoomed.t0) / (zoomed.t1 - zoomed.t0)).toBeCloseTo(0.2, 1);
      expect(await num(page, 'replay-heatmap', 'data-playhead-seq')).toBe(seqBefore);

      // A click (no drag) on the heatmap seeks to the instant under it.
      await heat.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
      const clicked = (panned.t0 + panned.t1) / 2;
      await expect.poll(async () => Math.abs((await num(page, 'replay-heatmap', 'data-playhead-ts')) - clicked), { timeout: 5_000 }).toBeLessThan((panned.t1 - panned.t0) * 0.05);

      // With the book in view, the volume profile beside the heatmap's price axis shows its POC.
      await expect.poll(async () => (await page.getByTestId('replay-profile').getAttribute('data-poc')) ?? '', { timeout: 10_000 }).toMatch(/^\d/);

      // Seeking on the timeline far outside the window: the window follows so the playhead stays in view.
      const tbox = (await tl.boundingBox())!;
      await tl.click({ position: { x: tbox.width * 0.02, y: tbox.height / 2 } });
      await expect
        .poll(async () => {
          const [ts, w] = [await num(page, 'replay-heatmap', 'data-playhead-ts'), await heatWindow(page)];
          return ts < panned.t0 && ts >= w.t0 && ts <= w.t1;
        }, { timeout: 5_000 })
        .toBe(true);

      // Fit shows the whole replay again.
      await page.getByTestId('heat-fit').click();
      await expect.poll(() => heatWindow(page), { timeout: 5_000 }).toEqual({ t0: start, t1: end });

      // Grouping by 5 ticks: rows are 5-tick groups, so the top row's number drops about fivefold.
      const top1 = await num(page, 'replay-heatmap', 'data-top-row');
      await page.getByTestId('heat-group').selectOption('5');
      await expect.poll(() => page.getByTestId('replay-heatmap').getAttribute('data-group'), { timeout: 5_000 }).toBe('5');
      const top5 = await num(page, 'replay-heatmap', 'data-top-row');
      const rows5 = await num(page, 'replay-heatmap', 'data-rows');
      expect(Math.abs(top5 - top1 / 5)).toBeLessThan(rows5 + top1 / 5 * 0.01);

      // Exports: the analysis as JSON and CSV (the CLI's report), the heatmap as PNG.
      const save = async (id: string): Promise<{ name: string; bytes: Buffer }> => {
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(id).click()]);
        return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
      };
      const json = await save('replay-export-json');
      expect(json.name).toMatch(new RegExp(`^${symbol}-\\d{4}-\\d{2}-\\d{2}-analysis\\.json$`));
      const report = JSON.parse(json.bytes.toString('utf8')) as { symbol: string; ofi: { bucketMs: number; buckets: unknown[] }; profile: { poc: number | null }; quality: { score: number } };
      expect(report.symbol).toBe(symbol);
      expect(report.ofi.bucketMs).toBe(10_000);
      expect(report.ofi.buckets.length).toBeGreaterThan(0);
      expect(report.quality.score).toBeGreaterThanOrEqual(0);
      const csv = await save('replay-export-csv');
      const lines = csv.bytes.toString('utf8').split('\r\n');
      expect(lines[0]).toBe('field,value');
      expect(lines).toContain('ofi.bucketMs,10000');
      expect(lines).toContain(`symbol,${symbol}`);
      const png = await save('heat-png');
      expect(png.name).toMatch(/-heatmap\.png$/);
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

      // The pictures for the closing note: 2-tick groups, VWAP and candles, playhead at 70 %; whole, then zoomed in once.
      await page.getByTestId('heat-group').selectOption('2');
      await tl.click({ position: { x: tbox.width * 0.7, y: tbox.height / 2 } });
      await expect.poll(async () => (await num(page, 'replay-heatmap', 'data-playhead-ts')) > start + 0.6 * (end - start), { timeout: 5_000 }).toBe(true);
      await screenshot(page, 'replay-views');
      await page.getByTestId('heat-zoom-in').click();
      await expect.poll(async () => { const w = await heatWindow(page); return w.t1 - w.t0; }, { timeout: 5_000 }).toBeLessThan((end - start) * 0.6);
      await screenshot(page, 'replay-views-zoomed');
    });
  });
});
