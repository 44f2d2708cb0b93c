import { expect, it, describe } from 'vitest';
import type { Page } from 'playwright-core';
import type { AuditEntry, OrderRow, PositionRow } from '../../src-shared/contract/features/trading';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady, type ServeHandle } from './harness';

type Ok<T> = { ok: true; value: T };
const orders = async (serve: ServeHandle) => ((await callServe(serve, 'orders:list')) as Ok<OrderRow[]>).value;
const position = async (serve: ServeHandle, symbol: string) =>
  ((await callServe(serve, 'positions:list')) as Ok<PositionRow[]>).value.find((p) => p.symbol === symbol)?.position ?? 0;

async function focusSymbol(page: Page, symbol: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Control+k');
  await expect.poll(() => page.getByTestId('symbol-box').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await page.keyboard.type(symbol);
  await page.keyboard.press('Enter');
  const canvas = page.locator('[data-testid="ladder"] canvas');
  await expect.poll(() => canvas.getAttribute('data-best-ask'), { timeout: 20_000 }).toMatch(/^\d/);
}

/** The ladder canvas's geometry as it last painted: top row price, tick, inside, width (held still under the mouse). */
async function ladderGeometry(page: Page) {
  const canvas = page.locator('[data-testid="ladder"] canvas');
  await canvas.hover({ position: { x: 5, y: 5 } });
  await expect.poll(() => canvas.getAttribute('data-held'), { timeout: 5_000 }).toBe('true');
  const g = await canvas.evaluate((el) => ({
    top: Number(el.dataset.topPrice), tick: Number(el.dataset.minTick), bid: Number(el.dataset.bestBid), ask: Number(el.dataset.bestAsk),
    width: (el as { clientWidth: number }).clientWidth,
  }));
  const yOf = (price: number) => Math.round((g.top - price) / g.tick) * 16 + 8;
  return { ...g, canvas, yOf, at: (base: number, ticks: number) => Math.round((base + ticks * g.tick) * 100) / 100 };
}

/** Clicks the ladder's bid column on the row `ticksAboveAsk` above the best ask (a marketable buy limit). */
async function clickBidAboveAsk(page: Page, ticksAboveAsk: number): Promise<number> {
  const g = await ladderGeometry(page);
  const price = g.at(g.ask, ticksAboveAsk);
  await g.canvas.click({ position: { x: Math.round(g.width * 0.25), y: g.yOf(price) } });
  return price;
}

describe('orders (serve --demo, paper)', () => {
  it('refuses while disarmed and live, arms paper by mouse, trades from the ticket and the ladder, flattens', async () => {
    await withApp('orders', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const badge = page.getByTestId('armed-state');
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 30_000 }).toBe('disarmed');
      // The first reconciliation can take a few seconds on a busy machine (and is retried when IB drops a request).
      await expect.poll(async () => (await badge.textContent()) ?? '', { timeout: 30_000 }).toMatch(/DISARMED · PAPER · DU\d+/);
      await focusSymbol(page, 'AAPL');

      // A hotkey while disarmed sends nothing and says why.
      await page.locator('body').click({ position: { x: 5, y: 400 } });
      await page.keyboard.press('Shift+B');
      await expect.poll(async () => (await page.getByTestId('ladder-trade-notice').textContent()) ?? '').toMatch(/Shift\+B: nothing sent — disarmed/);
      // A ladder click too.
      await clickBidAboveAsk(page, 5);
      await expect.poll(async () => (await page.getByTestId('ladder-trade-notice').textContent()) ?? '').toMatch(/ladder: nothing sent — disarmed/);
      expect(await orders(serve)).toEqual([]);
      const intents = (await callServe(serve, 'audit:list', { kinds: ['intent', 'decision'] })) as Ok<AuditEntry[]>;
      expect(intents.value).toEqual([]);

      // Live arming: refused without the typed account id, and (the demo is paper) refused by main with it.
      // Reconciliation first (open and completed orders, executions): before it, arming is refused for that.
      await expect.poll(async () => ((await callServe(serve, 'trading:status')) as Ok<{ reconciled: boolean }>).value.reconciled, { timeout: 20_000 }).toBe(true);
      await badge.click();
      await page.getByTestId('arm-mode-live').click();
      await page.getByTestId('arm-button').click();
      await expect.poll(async () => (await page.getByTestId('arm-notice').textContent()) ?? '').toMatch(/type the account id/);
      const account = (await badge.textContent())!.match(/DU\d+/)![0];
      await page.getByTestId('arm-typed-account').fill(account);
      await page.getByTestId('arm-button').click();
      await expect.poll(async () => (await page.getByTestId('arm-notice').textContent()) ?? '').toMatch(new RegExp(`arm refused — arm: .*${account} is paper`));
      expect(await badge.getAttribute('data-state')).toBe('disarmed');
      const direct = (await callServe(serve, 'trading:arm', { mode: 'live' })) as { ok: false; error: { code: string } };
      expect(direct.error.code).toBe('RISK_REJECTED');

      // A key press on the focused Arm button does not arm: arming takes the mouse.
      await page.getByTestId('arm-mode-paper').click();
      await page.getByTestId('arm-button').focus();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await page.getByTestId('arm-notice').textContent()) ?? '').toMatch(/click with the mouse/);
      expect(await badge.getAttribute('data-state')).toBe('disarmed');
      await page.getByTestId('arm-button').click();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('armed');
      expect(await badge.textContent()).toMatch(/ARMED · PAPER/);

      // One order by a ladder click: a buy limit 5 ticks above the ask, outside RTH (demo premarket) → fills.
      await clickBidAboveAsk(page, 5);
      await expect
        .poll(async () => (await orders(serve)).find((o) => o.orderRef?.startsWith('lc-'))?.status ?? '', { timeout: 20_000 })
        .toBe('Filled');
      await expect.poll(() => position(serve, 'AAPL'), { timeout: 10_000 }).toBe(100);

      // A bracket from the ticket on the Orders tab.
      await page.getByTestId('tab-orders').click();
      expect(await page.getByTestId('op-symbol').inputValue()).toBe('AAPL');
      await page.getByTestId('op-quantity').fill('10');
      const askText = (await page.getByTestId('op-use-ask').textContent())!;
      const ask = Number(askText.replace(/[^\d.]/g, ''));
      await page.getByTestId('op-limit').fill((ask + 0.05).toFixed(2));
      await page.getByTestId('op-bracket').check();
      await page.getByTestId('op-stop-offset').fill('1.00');
      await page.getByTestId('op-target-offset').fill('1.50');
      await page.getByTestId('op-submit').click();
      await expect.poll(async () => (await page.getByTestId('trading-notice').textContent()) ?? '', { timeout: 10_000 }).toMatch(/sent BUY 10 AAPL LMT .* bracket/);
      await expect.poll(() => position(serve, 'AAPL'), { timeout: 20_000 }).toBe(110);
      const pos = page.locator('[data-testid="position-row"][data-symbol="AAPL"]');
      await expect.poll(() => pos.getAttribute('data-position'), { timeout: 10_000 }).toBe('110');
      const rows = await orders(serve);
      const bracket = rows.filter((o) => o.orderRef && !o.orderRef.startsWith('lc-'));
      expect(bracket.map((o) => o.role).sort()).toEqual(['entry', 'stop', 'target']);
      expect(bracket.find((o) => o.role === 'entry')!.status).toBe('Filled');
      await expect.poll(() => page.locator('[data-testid="order-row"][data-working="true"]').count(), { timeout: 10_000 }).toBe(2);
      await expect.poll(() => page.locator('[data-testid="audit-row"][data-kind="fill"]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'orders-tab');

      // On the ladder: a resting buy well under the bid, dragged lower by its marker (orders:modify), then its × cancels it.
      await page.getByTestId('tab-live').click();
      const g = await ladderGeometry(page);
      const rest = g.at(g.bid, -10);
      await g.canvas.click({ position: { x: Math.round(g.width * 0.25), y: g.yOf(rest) } });
      const resting = async () => (await orders(serve)).find((o) => o.orderRef?.startsWith('lc-') && o.working);
      await expect.poll(async () => (await resting())?.limitPrice, { timeout: 10_000 }).toBe(rest);
      await screenshot(page, 'orders-ladder');
      const g2 = await ladderGeometry(page);
      const to = g2.at(rest, -3);
      const box = (await g2.canvas.boundingBox())!;
      const markX = box.x + Math.round(g2.width * 0.07);
      await page.mouse.move(markX, box.y + g2.yOf(rest));
      await page.mouse.down();
      await page.mouse.move(markX, box.y + g2.yOf(to), { steps: 4 });
      await page.mouse.up();
      await expect.poll(async () => (await resting())?.limitPrice, { timeout: 10_000 }).toBe(to);
      const g3 = await ladderGeometry(page);
      await g3.canvas.click({ position: { x: Math.round(g3.width * 0.07), y: g3.yOf(to) } });
      await expect.poll(async () => (await resting()) ?? null, { timeout: 10_000 }).toBeNull();
      await page.getByTestId('tab-orders').click();

      // Flatten all → flat, nothing working, halted until disarmed by hand.
      await page.getByTestId('flatten-all').click();
      await expect.poll(() => position(serve, 'AAPL'), { timeout: 20_000 }).toBe(0);
      await expect.poll(() => pos.getAttribute('data-position'), { timeout: 10_000 }).toBe('0');
      expect((await orders(serve)).filter((o) => o.working)).toEqual([]);
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('halted');
    });
  });
});
