import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecorderStatus, ScannerSnapshot } from '../../src-shared/contract';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady, type ServeHandle } from './harness';

const GRID = '[data-testid="scanner-grid"]';
const row = (page: Page, s: string) => page.locator(`${GRID} .ag-row[row-id="${s}"] [col-id="symbol"]`).first();

/** Row ids in display order. */
async function gridSymbols(page: Page): Promise<string[]> {
  // A row is drawn once per pinned and centre section: one id per row index.
  const rows = await page.$$eval(`${GRID} .ag-row[row-id]`, (els) => els.map((r) => [Number(r.getAttribute('row-index')), r.getAttribute('row-id') ?? ''] as const));
  return [...new Map(rows).entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
}

/** Row ids the grid shows as selected, sorted. */
async function selectedInGrid(page: Page): Promise<string[]> {
  const ids = await page.$$eval(`${GRID} .ag-row.ag-row-selected[row-id]`, (rows) => rows.map((r) => r.getAttribute('row-id') ?? ''));
  return [...new Set(ids)].sort();
}

const selectedCount = async (page: Page) => Number(await page.getByTestId('scanner-status').getAttribute('data-selected'));

async function recordingSymbols(serve: ServeHandle): Promise<string[]> {
  const r = (await callServe(serve, 'recorder:status')) as { ok: boolean; value: RecorderStatus };
  return r.value.streams.filter((s) => s.state !== 'stopped').map((s) => s.symbol).sort();
}

describe('grid habits and the symbol box (serve --demo)', () => {
  it('click / Ctrl-click / Shift-click select as on a desktop, Start Selected records exactly those, Space and Ctrl-A work', async () => {
    await withApp('grid-selection', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      await expect.poll(async () => (await gridSymbols(page)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
      // Sort by symbol so the live scan cannot reorder rows between the clicks.
      await page.locator(`${GRID} .ag-header-cell[col-id="symbol"]`).click();
      await expect.poll(() => page.locator(`${GRID} .ag-header-cell[col-id="symbol"]`).getAttribute('aria-sort')).toBe('ascending');
      const s = await gridSymbols(page);
      expect([...s].sort()).toEqual(s);

      await row(page, s[0]).click();
      await expect.poll(() => selectedInGrid(page)).toEqual([s[0]]);
      await row(page, s[2]).click({ modifiers: ['Control'] });
      await row(page, s[3]).click({ modifiers: ['Control'] });
      await expect.poll(() => selectedInGrid(page)).toEqual([s[0], s[2], s[3]].sort());
      // Shift extends from the last clicked row (s[3]) to s[5], keeping the others.
      await row(page, s[5]).click({ modifiers: ['Shift'] });
      await expect.poll(() => selectedInGrid(page)).toEqual([s[0], s[2], s[3], s[4], s[5]].sort());
      // Ctrl-click toggles one off.
      await row(page, s[0]).click({ modifiers: ['Control'] });
      const expected = [s[2], s[3], s[4], s[5]].sort();
      await expect.poll(() => selectedInGrid(page)).toEqual(expected);
      await expect.poll(() => selectedCount(page)).toBe(4);
      await screenshot(page, 'grid-selection');

      await page.getByRole('button', { name: 'Start Selected' }).click();
      await expect.poll(() => recordingSymbols(serve), { timeout: 20_000 }).toEqual(expected);
      for (const sym of expected) await expect.poll(() => page.getByTestId(`stream-row-${sym}`).getAttribute('data-state'), { timeout: 20_000 }).toBe('recording');

      // Space toggles the focused row back on (focus returns to the grid without a click).
      await row(page, s[0]).focus();
      await page.keyboard.press('Space');
      await expect.poll(() => selectedInGrid(page)).toEqual([s[0], ...expected].sort());
      // Ctrl-A with the grid focused selects every row it shows.
      await page.keyboard.press('Control+a');
      await expect.poll(async () => (await selectedCount(page)) === (await gridSymbols(page)).length && (await selectedCount(page)) >= 6).toBe(true);
      // The checkboxes still toggle one row without touching the others.
      await page.locator(`${GRID} .ag-row[row-id="${s[1]}"] .ag-selection-checkbox input`).first().uncheck();
      await expect.poll(async () => (await selectedInGrid(page)).includes(s[1])).toBe(false);
      expect((await selectedInGrid(page)).length).toBeGreaterThanOrEqual(5);
    });
  });

  it('the symbol box (Ctrl+K) opens chart and ladder for a name the scanner lacks and for ES, and records them', async () => {
    await withApp('symbol-box', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const snap = (await callServe(serve, 'scanner:snapshot')) as { value: ScannerSnapshot };
      const shown = new Set(snap.value.rows.map((r) => r.symbol));
      const stock = ['AAPL', 'MSFT', 'AMZN', 'GOOGL', 'JPM'].find((x) => !shown.has(x))!;

      const chart = page.locator('[data-testid="chart"] .chart-wrap');
      const ladder = page.locator('[data-testid="ladder"] .ladder-canvas-host');
      const open = async (text: string) => {
        await page.locator('body').click({ position: { x: 5, y: 400 } }).catch(() => undefined);
        await page.keyboard.press('Control+k');
        await expect.poll(() => page.getByTestId('symbol-box').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
      };
      const booksMove = async () => {
        const stats = page.getByTestId('ladder-stats');
        await expect.poll(async () => (await stats.textContent()) ?? '', { timeout: 15_000 }).toMatch(/\d+ msgs/);
        const first = await stats.textContent();
        await expect.poll(() => stats.textContent(), { timeout: 15_000 }).not.toBe(first);
      };

      await open(stock);
      await expect.poll(() => chart.getAttribute('data-symbol'), { timeout: 10_000 }).toBe(stock);
      await expect.poll(() => chart.getAttribute('data-load'), { timeout: 30_000 }).toBe('ready');
      await expect.poll(() => ladder.getAttribute('data-symbol'), { timeout: 10_000 }).toBe(stock);
      await booksMove();
      await page.getByTestId('symbol-box-record').click();
      await expect.poll(() => page.getByTestId(`stream-row-${stock}`).getAttribute('data-state'), { timeout: 20_000 }).toBe('recording');

      await page.getByTestId('symbol-box').fill('');
      await open('ES');
      const info = page.getByTestId('symbol-box-info');
      await expect.poll(() => info.getAttribute('data-symbol'), { timeout: 15_000 }).toMatch(/^ES[FGHJKMNQUVXZ]\d$/);
      const es = (await info.getAttribute('data-symbol'))!;
      const expiry = (await info.getAttribute('data-expiry'))!;
      expect(expiry).toMatch(/^\d{8}$/);
      const text = (await info.textContent()) ?? '';
      expect(text).toContain(`expires ${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6)}`);
      expect(text).toContain('×50');
      expect(text).toContain('tick 0.25');
      await expect.poll(() => chart.getAttribute('data-symbol'), { timeout: 10_000 }).toBe(es);
      await expect.poll(() => chart.getAttribute('data-load'), { timeout: 30_000 }).toBe('ready');
      await expect.poll(() => ladder.getAttribute('data-symbol'), { timeout: 10_000 }).toBe(es);
      await booksMove();
      await screenshot(page, 'symbol-box-es');

      await page.getByTestId('symbol-box-record').click();
      await expect.poll(() => page.getByTestId(`stream-row-${es}`).getAttribute('data-state'), { timeout: 20_000 }).toBe('recording');
      const sessions = (await callServe(serve, 'recorder:sessions', { symbol: es })) as { ok: boolean; value: Array<{ path: string }> };
      expect(sessions.value.length).toBe(1);
      expect(sessions.value[0].path).toMatch(new RegExp(`recordings[\\\\/]symbol=${es}[\\\\/]date=\\d{4}-\\d{2}-\\d{2}[\\\\/]`));
    });
  });
});
