import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReplaySessionInfo } from '../../src-shared/contract/features/replay';
import type { ScannerSnapshot } from '../../src-shared/contract/features/scanner';
import { etMsOfDay, etToEpoch } from '../../src-shared/domain/et-time';
import { curveRange } from '../../src-renderer/src/features/history/history-view';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady, type ServeHandle } from './harness';

/** Records one quoted demo name for a few hundred depth messages; returns it with its last price and session. */
async function recordOne(serve: ServeHandle): Promise<{ symbol: string; last: number; session: ReplaySessionInfo }> {
  let row: { symbol: string; last: number | null } | undefined;
  await expect
    .poll(async () => {
      const r = (await callServe(serve, 'scanner:snapshot')) as { value?: ScannerSnapshot };
      row = (r.value?.rows ?? []).find((x) => x.last !== null);
      return row?.symbol ?? '';
    }, { timeout: 15_000 })
    .not.toBe('');
  const symbol = row!.symbol;
  expect(((await callServe(serve, 'recorder:start', { symbols: [symbol] })) as { ok: boolean }).ok).toBe(true);
  const offset = ((await callServe(serve, 'app:info')) as { value: { clockOffsetMs: number } }).value.clockOffsetMs;
  // Long enough (8 s of the app's clock) that an entry and an exit a few seconds apart both fall inside it.
  await expect
    .poll(async () => {
      const st = (await callServe(serve, 'recorder:status')) as { value: { streams: { symbol: string; depthMessages: number; tickMessages: number }[] } };
      const s = st.value.streams.find((x) => x.symbol === symbol);
      const rec = ((await callServe(serve, 'replay:sessions', { symbol })) as { value?: ReplaySessionInfo[] }).value?.[0];
      return (s?.depthMessages ?? 0) >= 300 && (s?.tickMessages ?? 0) >= 5 && rec !== undefined && Date.now() + offset - rec.startedAt >= 8_000;
    }, { timeout: 40_000, interval: 250 })
    .toBe(true);
  expect(((await callServe(serve, 'recorder:stop', { symbol })) as { ok: boolean }).ok).toBe(true);
  const sessions = ((await callServe(serve, 'replay:sessions', { symbol })) as { value: ReplaySessionInfo[] }).value;
  expect(sessions).toHaveLength(1);
  expect(sessions[0].stoppedAt).not.toBeNull();
  return { symbol, last: row!.last!, session: sessions[0] };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Flex's `yyyyMMdd;HHmmss` in ET. */
function flexTime(date: string, ms: number): string {
  const s = Math.floor(etMsOfDay(ms) / 1000);
  return `${date.replace(/-/g, '')};${pad(Math.floor(s / 3600))}${pad(Math.floor(s / 60) % 60)}${pad(s % 60)}`;
}

const etClock = (ms: number) => flexTime('', ms).slice(1).replace(/(\d\d)(\d\d)(\d\d)/, '$1:$2:$3');

let n = 0;
function trade(symbol: string, date: string, side: 'BUY' | 'SELL', qty: number, price: number, ms: number, commission = 1): string {
  n += 1;
  const id = n.toString(16).padStart(8, '0');
  return `<Trade accountId="U0000001" currency="USD" assetCategory="STK" symbol="${symbol}" conid="99000001" multiplier="1" tradeID="9${id}" ibOrderID="7${id}" ibExecID="0000e0d5.${id}.01.01" exchange="ISLAND" buySell="${side}" quantity="${side === 'BUY' ? qty : -qty}" tradePrice="${price.toFixed(2)}" ibCommission="-${commission}" ibCommissionCurrency="USD" fifoPnlRealized="0" dateTime="${flexTime(date, ms)}" tradeDate="${date.replace(/-/g, '')}" levelOfDetail="EXECUTION" />`;
}

const tripRows = (page: Page) => page.locator('[data-testid="history-trips"] .ag-row[row-id]');
const tripCount = (page: Page) => page.$$eval('[data-testid="history-trips"] .ag-row[row-id]', (rows) => new Set(rows.map((r) => r.getAttribute('row-id'))).size);
const data = (page: Page, testId: string, attr: string) => page.getByTestId(testId).getAttribute(attr);

describe('History tab: candles with fills, equity curve, Open in Replay (serve --demo)', () => {
  it('draws a day’s trips on its candles and the equity curve, and opens a recorded trip in Replay at its entry with its fills', async () => {
    await withApp('history-journal', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const { symbol, last, session } = await recordOne(serve);
      const date = session.date;

      // Two premarket trips (completed minutes: the chart has their bars) and one inside the recording.
      // Flex times are whole seconds.
      const entry = Math.ceil((session.startedAt + (session.stoppedAt! - session.startedAt) * 0.3) / 1000) * 1000;
      const exit = Math.floor((session.startedAt + (session.stoppedAt! - session.startedAt) * 0.7) / 1000) * 1000;
      expect(exit - entry).toBeGreaterThanOrEqual(2_000);
      // Premarket fills at the close of their minute's bar, so the markers sit on the candles.
      const bars = ((await callServe(serve, 'chart:bars', { symbol, timeframe: '1m', includeExtended: true, days: 1 })) as { value: { bars: { tsOpen: number; close: number }[] } }).value.bars;
      const closeAt = (h: number, m: number, d: number) => (bars.find((b) => b.tsOpen === etToEpoch(date, h, m))?.close ?? last) + d;
      const rows = [
        trade(symbol, date, 'BUY', 100, closeAt(8, 10, 0), etToEpoch(date, 8, 10, 5)), trade(symbol, date, 'SELL', 100, closeAt(8, 21, 0.01), etToEpoch(date, 8, 21, 40)),
        trade(symbol, date, 'SELL', 50, closeAt(8, 40, 0), etToEpoch(date, 8, 40, 0)), trade(symbol, date, 'BUY', 50, closeAt(8, 46, 0), etToEpoch(date, 8, 46, 30)),
        trade(symbol, date, 'BUY', 200, last, entry), trade(symbol, date, 'SELL', 200, last + 0.02, exit),
      ];
      const dir = mkdtempSync(join(tmpdir(), 'tapedeck-flex-'));
      const file = join(dir, 'day.xml');
      writeFileSync(file, `<FlexQueryResponse queryName="e2e" type="AF"><FlexStatements count="1"><FlexStatement accountId="U0000001"><Trades>\n${rows.join('\n')}\n</Trades></FlexStatement></FlexStatements></FlexQueryResponse>\n`);

      await page.getByTestId('tab-history').click();
      // The Flex Web Service token under serve: memory only, and the UI says so; never in settings.json.
      await page.getByTestId('history-flex').locator('summary').click();
      await expect.poll(async () => (await page.getByTestId('flex-protection').textContent()) ?? '', { timeout: 10_000 }).toMatch(/in memory for this session only/);
      await page.getByTestId('flex-token').fill('123456789012345678901234');
      await page.getByTestId('flex-query').fill('4242');
      await page.getByTestId('flex-save').click();
      await expect.poll(async () => (await page.getByTestId('history-flex').locator('summary').textContent()) ?? '', { timeout: 10_000 }).toBe('Flex Web Service · token saved · query 4242');
      expect(await page.getByTestId('flex-token').inputValue()).toBe('');
      const settingsFile = join(serve.dataDir, 'settings.json');
      if (existsSync(settingsFile)) expect(readFileSync(settingsFile, 'utf8')).not.toContain('123456789012345678901234');
      await page.getByTestId('history-flex').locator('summary').click();
      // The scheduler's runs are shown: each job's missed run was caught up (and logged) at start.
      await expect.poll(() => page.locator('[data-testid="history-runs"] tr[data-job]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);

      await page.getByTestId('history-date').fill(date);
      await page.getByTestId('import-path').fill(file);
      await page.getByTestId('import-run').click();
      await expect.poll(async () => (await page.getByTestId('history-status').textContent()) ?? '', { timeout: 10_000 }).toMatch(/Imported 6 new fills/);
      await expect.poll(() => tripCount(page), { timeout: 10_000 }).toBe(3);

      // The day's candles (extended hours) with a marker per fill whose minute has a bar; the two premarket trips at least.
      await expect.poll(async () => Number(await data(page, 'history-chart', 'data-bars')), { timeout: 30_000 }).toBeGreaterThan(100);
      await expect.poll(async () => Number(await data(page, 'history-chart', 'data-markers')), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      // Equity: three closed trips; the last point is the day's net.
      await expect.poll(() => data(page, 'history-equity', 'data-points'), { timeout: 10_000 }).toBe('3');
      const kpiNet = (await page.getByTestId('history-kpis').locator('.history-kpi').first().locator('b').textContent()) ?? '';
      const lastCum = Number(await data(page, 'history-equity', 'data-last'));
      expect(kpiNet.replace(/[^0-9.]/g, '')).toBe(Math.abs(lastCum).toFixed(2));

      // The premarket trip has no recording: no replay. Selecting it frames it and highlights its two fills.
      await tripRows(page).filter({ hasText: '08:10:05' }).first().click();
      await expect.poll(() => data(page, 'history-chart', 'data-selected-markers'), { timeout: 10_000 }).toBe('2');
      expect(await page.getByTestId('history-open-replay').isDisabled()).toBe(true);
      await page.getByTestId('equity-range').selectOption('month');
      await expect.poll(() => data(page, 'history-equity', 'data-range'), { timeout: 10_000 }).toBe(`${curveRange('month', date).from}|${curveRange('month', date).to}`);
      expect(await data(page, 'history-equity', 'data-points')).toBe('3');
      const shot = await screenshot(page, 'history-journal-tab');
      expect(shot).toMatch(/history-journal-tab\.png$/);

      // The recorded trip opens in Replay at its entry, with its fills on the heatmap and its position on the ladder.
      const recorded = tripRows(page).filter({ hasText: etClock(entry) }).first();
      await recorded.click();
      await expect.poll(() => page.getByTestId('history-open-replay').isEnabled(), { timeout: 10_000 }).toBe(true);
      await page.getByTestId('history-open-replay').click();
      await expect.poll(() => page.getByTestId('replay-workspace').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => data(page, 'replay-heatmap', 'data-cache-ready'), { timeout: 20_000 }).toBe('true');
      const playhead = async () => Number(await data(page, 'replay-heatmap', 'data-playhead-ts'));
      await expect.poll(async () => Math.abs((await playhead()) - entry), { timeout: 10_000 }).toBeLessThan(1_000);
      await expect.poll(() => data(page, 'replay-heatmap', 'data-fills'), { timeout: 10_000 }).toBe('2');
      await expect.poll(() => data(page, 'replay-ladder', 'data-position'), { timeout: 10_000 }).toMatch(/^200@/);
      await screenshot(page, 'history-journal-replay');
    }, ['--demo']);
  }, 180_000);
});
