import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecorderStatus } from '../../src-shared/contract/features/recorder';
import type { ScannerSnapshot } from '../../src-shared/contract/features/scanner';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady, type ServeHandle } from './harness';

const VIEWS = ['replay-ladder', 'replay-heatmap', 'replay-tape'] as const;

/** The playhead seq each view last painted. */
const painted = (page: Page) => Promise.all(VIEWS.map((v) => page.getByTestId(v).getAttribute('data-playhead-seq')));

/** Polls until the three views show the same, non-empty playhead; returns it. */
async function together(page: Page): Promise<number> {
  let seq = -1;
  await expect
    .poll(
      async () => {
        const s = await painted(page);
        seq = Number(s[0]);
        return s[0] !== '' && s[0] !== null && s.every((x) => x === s[0]);
      },
      { timeout: 10_000, interval: 50 },
    )
    .toBe(true);
  return seq;
}

async function status(serve: ServeHandle): Promise<RecorderStatus> {
  return ((await callServe(serve, 'recorder:status')) as { value: RecorderStatus }).value;
}

/** Records one demo name until it has a few hundred depth messages and some prints, then stops it. */
async function recordOne(serve: ServeHandle): Promise<string> {
  let symbol = '';
  await expect
    .poll(
      async () => {
        const r = (await callServe(serve, 'scanner:snapshot')) as { value?: ScannerSnapshot };
        symbol = (r.value?.rows ?? []).find((x) => x.last !== null)?.symbol ?? '';
        return symbol;
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  const started = (await callServe(serve, 'recorder:start', { symbols: [symbol] })) as { ok: boolean };
  expect(started.ok).toBe(true);
  // At least 8 s as well: the demo's opening snapshot alone passes the counts in about a second, and a
  // session that short may hold no print (tick messages include quotes) and plays to its end at 10× before
  // the pause key lands.
  const since = Date.now();
  await expect
    .poll(async () => {
      const s = (await status(serve)).streams.find((x) => x.symbol === symbol);
      return (s?.depthMessages ?? 0) >= 300 && (s?.tickMessages ?? 0) >= 5 && Date.now() - since >= 8_000;
    }, { timeout: 30_000, interval: 250 })
    .toBe(true);
  expect(((await callServe(serve, 'recorder:stop', { symbol })) as { ok: boolean }).ok).toBe(true);
  return symbol;
}

describe('replay (serve --demo)', () => {
  it('records a name, opens it in Replay, plays at 10×, seeks and steps with ladder, heatmap and tape together', async () => {
    await withApp('replay', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const symbol = await recordOne(serve);

      await page.getByTestId('tab-replay').click();
      const row = page.locator(`[data-testid^="replay-session-"][data-symbol="${symbol}"]`).first();
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      // The symbol filter narrows the list to that name.
      await page.getByTestId('replay-filter-symbol').fill(symbol);
      await expect.poll(() => page.locator('[data-testid^="replay-session-"]').count(), { timeout: 10_000 }).toBe(1);
      await row.getByRole('button', { name: 'Open' }).click();
      await expect.poll(() => page.getByTestId('replay-heatmap').getAttribute('data-cache-ready'), { timeout: 20_000 }).toBe('true');
      const start = await together(page);
      expect(start).toBe(0);

      // Play at 10×: the playhead moves, every view follows.
      await page.getByTestId('replay-speed').selectOption('10');
      await page.getByTestId('replay-play').click();
      await expect.poll(() => page.getByTestId('replay-play').getAttribute('data-playing'), { timeout: 5_000 }).toBe('true');
      await expect.poll(async () => Number(await page.getByTestId('replay-ladder').getAttribute('data-playhead-seq')), { timeout: 10_000 }).toBeGreaterThan(50);
      await page.keyboard.press('Space'); // pause by shortcut
      await expect.poll(() => page.getByTestId('replay-play').getAttribute('data-playing'), { timeout: 5_000 }).toBe('false');
      const played = await together(page);
      expect(played).toBeGreaterThan(50);

      // Seek by clicking the timeline at 60 % and at 95 %: each view lands on the clicked instant, together.
      const tl = page.getByTestId('replay-timeline');
      const box = (await tl.boundingBox())!;
      const [t0, t1] = [Number(await tl.getAttribute('data-start')), Number(await tl.getAttribute('data-end'))];
      const clickAt = async (f: number): Promise<number> => {
        await tl.click({ position: { x: box.width * f, y: box.height / 2 } });
        const target = t0 + f * (t1 - t0);
        await expect
          .poll(async () => Math.abs(Number(await page.getByTestId('replay-heatmap').getAttribute('data-playhead-ts')) - target), { timeout: 5_000 })
          .toBeLessThan((t1 - t0) * 0.02);
        return together(page);
      };
      const early = await clickAt(0.6);
      const late = await clickAt(0.95);
      expect(early).toBeGreaterThan(0);
      expect(late).toBeGreaterThan(early);
      await clickAt(0.6);

      // Step one event forward (→), back with the button.
      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => Number(await page.getByTestId('replay-tape').getAttribute('data-playhead-seq')), { timeout: 5_000 }).toBe(early + 1);
      expect(await together(page)).toBe(early + 1);
      await page.getByTestId('replay-step-back').click();
      await expect.poll(async () => Number(await page.getByTestId('replay-ladder').getAttribute('data-playhead-seq')), { timeout: 5_000 }).toBe(early);
      expect(await together(page)).toBe(early);

      // Home goes back to the start; next trade (Shift+→) from there lands on the first print, which the tape
      // shows at the playhead (from 60 % a thin name may have printed its last trade already).
      await page.keyboard.press('Home');
      await expect.poll(async () => Number(await page.getByTestId('replay-ladder').getAttribute('data-playhead-seq')), { timeout: 5_000 }).toBe(0);
      await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(async () => Number(await page.getByTestId('replay-tape').getAttribute('data-trades')), { timeout: 5_000 }).toBeGreaterThan(0);
      await together(page);
      await clickAt(0.7); // mid-session, so the picture shows past (bright) and future (dimmed)
      await screenshot(page, 'replay-view');

      // The same session opened as a folder from disk replays from the start.
      const listed = (await callServe(serve, 'replay:sessions', { symbol })) as { value: Array<{ path: string }> };
      await page.getByTestId('replay-close').click();
      await page.getByTestId('replay-folder').fill(listed.value[0].path);
      await page.getByRole('button', { name: 'Open folder' }).click();
      await expect.poll(() => page.getByTestId('replay-heatmap').getAttribute('data-cache-ready'), { timeout: 20_000 }).toBe('true');
      expect(await together(page)).toBe(0);
    });
  });
});
