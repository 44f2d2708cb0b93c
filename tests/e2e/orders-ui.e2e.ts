import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AuditEntry, OrderRow, PositionRow, TradingStatus } from '../../src-shared/contract/features/trading';
import type { RiskLimits } from '../../src-shared/domain/risk/limits';
import { withApp } from './fixture';
import { callServe, openBrowser, screenshot, startServe, waitForReady, type ServeHandle } from './harness';

type Ok<T> = { ok: true; value: T };
const orders = async (serve: ServeHandle) => ((await callServe(serve, 'orders:list')) as Ok<OrderRow[]>).value;
const status = async (serve: ServeHandle) => ((await callServe(serve, 'trading:status')) as Ok<TradingStatus>).value;
const position = async (serve: ServeHandle, symbol: string) =>
  ((await callServe(serve, 'positions:list')) as Ok<PositionRow[]>).value.find((p) => p.symbol === symbol)?.position ?? 0;
const limits = async (serve: ServeHandle) => ((await callServe(serve, 'trading:limits')) as Ok<RiskLimits>).value;
/** Main answers over a shared, busy machine: every poll gets room. */
const WAIT = { timeout: 15_000 };
const text = async (page: Page, id: string) => (await page.getByTestId(id).textContent()) ?? '';

async function focusSymbol(page: Page, symbol: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Control+k');
  await expect.poll(() => page.getByTestId('symbol-box').evaluate((el) => el === el.ownerDocument.activeElement), WAIT).toBe(true);
  await page.keyboard.type(symbol);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('[data-testid="ladder"] canvas').getAttribute('data-best-ask'), { timeout: 20_000 }).toMatch(/^\d/);
}

describe('orders UI: risk limits, GTD, audit export (serve --demo, paper)', () => {
  it('edits a limit while disarmed, locks the editor while armed, places a GTD limit that rests', async () => {
    await withApp('orders-ui', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const badge = page.getByTestId('armed-state');
      await expect.poll(async () => `${await badge.getAttribute('data-state')} ${(await status(serve)).reconciled}`, { timeout: 30_000 }).toBe('disarmed true');
      await focusSymbol(page, 'AAPL');
      await page.getByTestId('tab-orders').click();

      // Every limit with its default; the editor is open while disarmed.
      const editor = page.getByTestId('limits-editor');
      await expect.poll(() => editor.getAttribute('data-locked'), WAIT).toBe('false');
      const maxShares = page.getByTestId('limit-input-maxShares');
      await expect.poll(() => maxShares.inputValue(), WAIT).toBe('500');
      expect(await text(page, 'limit-default-maxShares')).toBe('500 sh');
      expect(await text(page, 'limit-default-maxDailyLoss')).toBe('500 $');

      // A typo is caught before any call; the stored limits do not move.
      await maxShares.fill('400');
      await page.getByTestId('limit-input-maxDailyLoss').fill('7S0');
      await page.getByTestId('limits-save').click();
      await expect.poll(() => text(page, 'limit-error-maxDailyLoss'), WAIT).toBe('enter a number');
      expect((await limits(serve)).maxShares).toBe(500);

      // Fixed and saved: main has the new values, only the changed keys were sent.
      await page.getByTestId('limit-input-maxDailyLoss').fill('750');
      await page.getByTestId('limits-save').click();
      await expect.poll(() => text(page, 'limits-message'), WAIT).toBe('saved maxShares, maxDailyLoss');
      const saved = await limits(serve);
      expect({ maxShares: saved.maxShares, maxDailyLoss: saved.maxDailyLoss, maxNotional: saved.maxNotional }).toEqual({ maxShares: 400, maxDailyLoss: 750, maxNotional: 25_000 });

      // Arm paper by mouse: every input locks, with the note; main refuses a change anyway.
      await page.getByTestId('orders-arm').click();
      await page.getByTestId('arm-mode-paper').click();
      await page.getByTestId('arm-button').click();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('armed');
      await expect.poll(() => editor.getAttribute('data-locked'), WAIT).toBe('true');
      expect(await text(page, 'limits-lock')).toMatch(/Locked while armed: limits can be changed only while disarmed/);
      for (const id of ['limit-input-maxShares', 'limit-input-priceBandPct', 'limit-allowedTifs-GTD', 'limits-save', 'limits-defaults']) {
        expect(await page.getByTestId(id).isDisabled(), id).toBe(true);
      }
      const refused = (await callServe(serve, 'trading:setLimits', { maxShares: 100 })) as { ok: false; error: { code: string; message: string } };
      expect(refused.error).toEqual({ code: 'RISK_REJECTED', message: 'limits: editable only while disarmed (now armed)' });

      // A GTD buy limit under the bid: a past good-till is refused in the ticket, the default (an hour ahead) goes out.
      await page.getByTestId('op-quantity').fill('10');
      await page.getByTestId('op-tif').selectOption('GTD');
      const goodTill = page.getByTestId('op-good-till');
      const defaultTill = await goodTill.inputValue();
      expect(defaultTill).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      const bid = Number((await text(page, 'op-use-bid')).replace(/[^\d.]/g, ''));
      const limit = (Math.round(bid * 100) / 100 - 0.5).toFixed(2);
      await page.getByTestId('op-limit').fill(limit);
      await goodTill.fill('2000-01-03T10:00');
      await page.getByTestId('op-submit').click();
      await expect.poll(() => text(page, 'trading-notice'), WAIT).toBe('order panel: good till: 2000-01-03 10:00 ET has already passed');
      expect(await orders(serve)).toEqual([]);

      await goodTill.fill(defaultTill);
      await page.getByTestId('op-submit').click();
      await expect.poll(() => text(page, 'trading-notice'), { timeout: 10_000 }).toBe(`order panel: sent BUY 10 AAPL LMT ${Number(limit)}`);
      await expect.poll(async () => (await orders(serve)).find((o) => o.working)?.status ?? '', { timeout: 10_000 }).toMatch(/Submitted/);
      const [gtd] = await orders(serve);
      expect(gtd).toMatchObject({ symbol: 'AAPL', side: 'BUY', quantity: 10, type: 'LMT', limitPrice: Number(limit), tif: 'GTD', working: true });
      const row = page.locator('[data-testid="order-row"][data-working="true"]');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.locator('td').nth(8).textContent()).toBe('GTD');

      // A bracket that fills, then its stop cancelled by hand: the position is flagged unprotected with a Re-attach
      // button. The demo is premarket, where only limit types with outsideRth may go out, so the stop comes back as a
      // stop-limit with outsideRth, and the warning clears.
      await page.getByTestId('op-tif').selectOption('DAY');
      const ask = Number((await text(page, 'op-use-ask')).replace(/[^\d.]/g, ''));
      await page.getByTestId('op-limit').fill((ask + 0.05).toFixed(2));
      await page.getByTestId('op-bracket').check();
      await page.getByTestId('op-stop-offset').fill('1.00');
      await page.getByTestId('op-target-offset').fill('1.50');
      await page.getByTestId('op-submit').click();
      const stopRow = page.locator('[data-testid="order-row"][data-role="stop"][data-working="true"]');
      await expect.poll(() => stopRow.count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.locator('[data-testid="order-row"][data-role="entry"][data-status="Filled"]').count(), { timeout: 20_000 }).toBe(1);
      expect(await page.getByTestId('unprotected-notice').count()).toBe(0);
      await stopRow.getByTestId('order-cancel').click();
      const warning = page.getByTestId('unprotected-notice');
      await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(1);
      expect(await warning.textContent()).toMatch(/Unprotected: AAPL filled entry \(ui-[^)]+\) has no working stop — SELL 10 STP \d+\.\d+/);
      const placedBefore = (await orders(serve)).length;
      await warning.getByTestId('reattach-stop').click();
      await expect.poll(() => text(page, 'trading-notice'), { timeout: 10_000 }).toMatch(/^re-attach stop for ui-\S+: sent \(#\d+\)/);
      expect((await orders(serve)).length).toBe(placedBefore + 1);
      await expect.poll(() => warning.count(), { timeout: 10_000 }).toBe(0);
      // The re-attached stop is listed as the position's stop, not as a new entry.
      await expect.poll(() => stopRow.count(), WAIT).toBe(1);

      // The audit log: free-text filter, then a CSV export of what matches.
      await page.getByTestId('audit-text').fill('limits changed');
      await expect.poll(() => page.locator('[data-testid="audit-row"]').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.locator('[data-testid="audit-row"]').getAttribute('data-kind')).toBe('action');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^tapedeck-audit-.*\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[0]).toBe('seq,ts,time_utc,kind,symbol,rule,intent_id,message,data');
      expect(csv.filter(Boolean)).toHaveLength(2);
      expect(csv[1]).toMatch(/,action,,limits,,risk limits changed,/);
      // The re-attached stop's decision is in the log, findable by its intent id.
      await page.getByTestId('audit-text').fill('~stop1 accepted STP LMT');
      await expect.poll(() => page.locator('[data-testid="audit-row"][data-kind="decision"]').count(), WAIT).toBe(1);
      await page.getByTestId('audit-text').fill('');
      await screenshot(page, 'orders-ui-tab');
    });
  });

  it('a position that no longer matches the ledger after a restart halts the symbol until acknowledged', async () => {
    // Session 1 buys 10 AAPL and reconciles again (reconnect), so the ledger records +10. Session 2 starts a fresh
    // demo simulator on the same data dir: the broker says 0, the ledger 10 → AAPL halted, shown with both numbers.
    const dataDir = mkdtempSync(join(tmpdir(), 'tapedeck-e2e-ledger-'));
    const browser = await openBrowser();
    const { page } = browser;
    let serve = await startServe(['--demo'], dataDir);
    try {
      await page.goto(serve.url);
      await waitForReady(page);
      // 'disarmed' is also the state before the first reconciliation: arming waits for that to finish.
      await expect.poll(async () => { const st = await status(serve); return `${st.state} reconciled=${st.reconciled}`; }, { timeout: 30_000 }).toBe('disarmed reconciled=true');
      await focusSymbol(page, 'AAPL');
      await page.getByTestId('tab-orders').click();
      await page.getByTestId('orders-arm').click();
      await page.getByTestId('arm-mode-paper').click();
      await page.getByTestId('arm-button').click();
      await expect.poll(async () => (await status(serve)).state, WAIT).toBe('armed');
      await page.getByTestId('op-quantity').fill('10');
      const ask = Number((await text(page, 'op-use-ask')).replace(/[^\d.]/g, ''));
      await page.getByTestId('op-limit').fill((ask + 0.05).toFixed(2));
      await page.getByTestId('op-submit').click();
      await expect.poll(() => position(serve, 'AAPL'), { timeout: 20_000 }).toBe(10);
      expect(await page.getByTestId('mismatch-notice').count()).toBe(0);
      await callServe(serve, 'broker:reconnect');
      const reconciliations = async () =>
        ((await callServe(serve, 'audit:list', { kinds: ['reconciliation'] })) as Ok<AuditEntry[]>).value.filter((e) => e.message.startsWith('reconciled')).length;
      await expect.poll(reconciliations, { timeout: 30_000 }).toBe(2);
      await serve.stop();

      serve = await startServe(['--demo'], dataDir);
      await page.goto(serve.url);
      await waitForReady(page);
      await expect.poll(async () => (await status(serve)).haltedSymbols, { timeout: 30_000 }).toEqual(['AAPL']);
      await page.getByTestId('tab-orders').click();
      const row = page.locator('[data-testid="mismatch-row"][data-symbol="AAPL"]');
      await expect.poll(() => row.count(), WAIT).toBe(1);
      await expect.poll(() => row.getByTestId('mismatch-ledger').textContent(), WAIT).toBe('+10');
      expect(await row.getByTestId('mismatch-broker').textContent()).toBe('0');
      await screenshot(page, 'orders-ui-mismatch');
      await page.getByTestId('acknowledge-mismatch').click();
      await expect.poll(() => page.getByTestId('mismatch-notice').count(), WAIT).toBe(0);
      expect((await status(serve)).haltedSymbols).toEqual([]);
      expect(await text(page, 'trading-notice')).toMatch(/^acknowledged: /);
    } catch (e) {
      await screenshot(page, 'FAILED-orders-ui-mismatch').catch(() => undefined);
      console.log(`serve output:\n${serve.output().slice(-4000)}`);
      throw e;
    } finally {
      await browser.close();
      await serve.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
