import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasPdftoppm, inkShare } from '../unit/reports/pdf-pixels';
import { withApp } from './fixture';
import { screenshot, waitForReady } from './harness';

const FIXTURE = resolve('tests/fixtures/flex/activity.xml');
const DATE = '2026-03-02';

describe('History tab and the one-click report (serve --demo)', () => {
  it('imports a Flex file, shows the trips, and one click writes the four files; the HTML loads with no request', async () => {
    await withApp('history-report', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      await page.getByTestId('tab-history').click();
      await page.getByTestId('history-date').fill(DATE);
      await page.getByTestId('import-path').fill(FIXTURE);
      await page.getByTestId('import-run').click();
      await expect.poll(async () => (await page.getByTestId('history-status').textContent()) ?? '', { timeout: 10_000 }).toMatch(/Imported 7 new fills/);
      const tripIds = () => page.$$eval('[data-testid="history-trips"] .ag-row[row-id]', (rows) => [...new Set(rows.map((r) => r.getAttribute('row-id')))].length);
      await expect.poll(tripIds, { timeout: 10_000 }).toBe(3);
      await expect.poll(async () => (await page.getByTestId('history-kpis').textContent()) ?? '').toContain('+$238.40');
      await screenshot(page, 'history-tab');

      await page.getByTestId('build-report').click();
      await expect.poll(async () => (await page.getByTestId('history-status').textContent()) ?? '', { timeout: 90_000 }).toMatch(/Report written/);
      const dir = join(serve.dataDir, 'reports', DATE);
      for (const f of ['report.md', 'trades.csv', 'report.html', 'report.pdf']) expect(existsSync(join(dir, f)), f).toBe(true);
      if (hasPdftoppm) expect(inkShare(join(dir, 'report.pdf'), dir)).toBeGreaterThan(0.01);

      const requests: string[] = [];
      const report = await browser.context.newPage();
      report.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(join(dir, 'report.html')).href;
      await report.goto(url);
      expect(await report.locator('script').count()).toBe(0);
      expect(await report.locator('svg').count()).toBe(5);
      expect(requests).toEqual([url]);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toMatch(/<script/i);
      await screenshot(report, 'history-report-html');
      await report.close();
    }, ['--demo']);
  });
});
