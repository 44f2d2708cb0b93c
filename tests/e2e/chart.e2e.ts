import { describe, expect, it } from 'vitest';
import { withApp } from './fixture';
import { screenshot, waitForReady } from './harness';

describe('chart (serve --demo)', () => {
  it('shows a scanner row with ≥ 1 day of 1-minute history, a moving live bar, and switches timeframe', async () => {
    await withApp('chart', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const firstRow = page.locator('[data-testid="scanner-grid"] .ag-row[row-index="0"]');
      await firstRow.waitFor({ timeout: 15_000 });
      const symbol = await firstRow.getAttribute('row-id');
      await firstRow.locator('[col-id="symbol"]').click();

      const wrap = page.locator('[data-testid="chart"] .chart-wrap');
      await expect.poll(() => wrap.getAttribute('data-symbol'), { timeout: 10_000 }).toBe(symbol);
      await expect.poll(() => wrap.getAttribute('data-load'), { timeout: 30_000 }).toBe('ready');
      const host = page.locator('[data-testid="chart"] .chart-host');
      const bars = Number(await host.getAttribute('data-bars'));
      const firstTs = Number(await host.getAttribute('data-first-ts'));
      const lastTs = Number(await host.getAttribute('data-last-ts'));
      // ≥ 1 full day of 1-minute bars (extended hours: 04:00–20:00 ET is 960 minutes).
      expect(bars).toBeGreaterThanOrEqual(390);
      expect(lastTs - firstTs).toBeGreaterThanOrEqual(86_400_000 - 60_000 * 60 * 8);
      // The live bar moves.
      await expect.poll(async () => Number(await host.getAttribute('data-live-updates')), { timeout: 20_000 }).toBeGreaterThan(1);
      await screenshot(page, 'chart-1m');

      await page.locator('[data-testid="chart"] [data-timeframe="5m"]').click();
      await expect.poll(() => wrap.getAttribute('data-timeframe')).toBe('5m');
      await expect.poll(() => wrap.getAttribute('data-load'), { timeout: 20_000 }).toBe('ready');
      const bars5 = Number(await host.getAttribute('data-bars'));
      expect(bars5).toBeGreaterThan(0);
      expect(bars5).toBeLessThan(bars);
      await screenshot(page, 'chart-5m');
    });
  });
});
