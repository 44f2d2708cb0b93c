import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RecorderStatus } from '../../src-shared/contract/features/recorder';
import type { ScannerSnapshot } from '../../src-shared/contract/features/scanner';
import { withApp } from './fixture';
import { callServe, waitForReady, type ServeHandle } from './harness';

/** Records one demo name for a few seconds (enough depth for a picture), then stops it. */
async function recordOne(serve: ServeHandle): Promise<string> {
  let symbol = '';
  await expect
    .poll(async () => {
      const r = (await callServe(serve, 'scanner:snapshot')) as { value?: ScannerSnapshot };
      return (symbol = (r.value?.rows ?? []).find((x) => x.last !== null)?.symbol ?? '');
    }, { timeout: 15_000 })
    .not.toBe('');
  expect(((await callServe(serve, 'recorder:start', { symbols: [symbol] })) as { ok: boolean }).ok).toBe(true);
  await expect
    .poll(async () => {
      const s = ((await callServe(serve, 'recorder:status')) as { value: RecorderStatus }).value.streams.find((x) => x.symbol === symbol);
      return (s?.depthMessages ?? 0) >= 1500;
    }, { timeout: 30_000, interval: 250 })
    .toBe(true);
  expect(((await callServe(serve, 'recorder:stop', { symbol })) as { ok: boolean }).ok).toBe(true);
  return symbol;
}

/**
 * The heatmap's canvases as shown (the GL body when visible, the 2D overlays, the axes) averaged over 24-px
 * blocks, so two paths compare without depending on sub-pixel edges or the hatch's phase.
 */
const picture = (page: Page) =>
  page.getByTestId('replay-heatmap').evaluate((host) => {
    const all = [...host.querySelectorAll('canvas')];
    const layers = all.filter((x) => x.style.display !== 'none');
    const top = all.find((x) => x.dataset.testid === 'replay-heatmap-canvas')!;
    const [w, h] = [top.width, top.height];
    const c = Object.assign(host.ownerDocument.createElement('canvas'), { width: w, height: h });
    const g = c.getContext('2d')!;
    for (const layer of layers) g.drawImage(layer, 0, 0, w, h);
    const d = g.getImageData(0, 0, w, h).data;
    const B = 24;
    const bw = Math.ceil(w / B);
    const sums = new Float64Array(bw * Math.ceil(h / B) * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const k = (Math.floor(y / B) * bw + Math.floor(x / B)) * 4;
        const i = (y * w + x) * 4;
        sums[k] += d[i];
        sums[k + 1] += d[i + 1];
        sums[k + 2] += d[i + 2];
        sums[k + 3]++;
      }
    const out: number[] = [];
    for (let k = 0; k < sums.length; k += 4) out.push(sums[k] / sums[k + 3], sums[k + 1] / sums[k + 3], sums[k + 2] / sums[k + 3]);
    return out;
  });

const meanDiff = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;

/** Opens the session, seeks to 60 % and waits for the heatmap to paint there. */
async function openAt60(page: Page, symbol: string): Promise<void> {
  await page.getByTestId('tab-replay').click();
  const row = page.locator(`[data-testid^="replay-session-"][data-symbol="${symbol}"]`).first();
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  await row.getByRole('button', { name: 'Open' }).click();
  const heat = page.getByTestId('replay-heatmap');
  await expect.poll(() => heat.getAttribute('data-cache-ready'), { timeout: 20_000 }).toBe('true');
  const tl = page.getByTestId('replay-timeline');
  const box = (await tl.boundingBox())!;
  const [t0, t1] = [Number(await tl.getAttribute('data-start')), Number(await tl.getAttribute('data-end'))];
  await tl.click({ position: { x: box.width * 0.6, y: box.height / 2 } });
  await expect.poll(async () => Math.abs(Number(await heat.getAttribute('data-playhead-ts')) - (t0 + 0.6 * (t1 - t0))), { timeout: 5_000 }).toBeLessThan((t1 - t0) * 0.02);
  await expect.poll(() => heat.getAttribute('data-renderer'), { timeout: 5_000 }).toMatch(/^(webgl2|canvas2d)$/);
}

describe('replay heatmap (serve --demo)', () => {
  it('builds its cache in a worker, draws the same picture on either path, and takes exact-size cut-offs', async () => {
    await withApp('replay-heatmap', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      const symbol = await recordOne(serve);
      await openAt60(page, symbol);
      const heat = page.getByTestId('replay-heatmap');
      expect(await heat.getAttribute('data-cache-path')).toBe('worker');
      const first = (await heat.getAttribute('data-renderer'))!;
      console.log(`heatmap renderer in this browser: ${first} (${await heat.getAttribute('data-renderer-reason')})`);
      expect(await page.getByTestId('replay-heatmap-canvas').getAttribute('data-renderer')).toBe(first);
      const shown = await picture(page);

      if (first === 'webgl2') {
        // A lost context (driver reset, too many contexts): the next frame is drawn in 2D, the same picture.
        await page.getByTestId('replay-heatmap-gl').evaluate((c) => (c as unknown as { getContext(k: string): { getExtension(n: string): { loseContext(): void } } }).getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
        await page.getByTestId('heat-contrast').fill('1.5');
        await page.getByTestId('heat-contrast').fill('1');
        await expect.poll(() => heat.getAttribute('data-renderer'), { timeout: 5_000 }).toBe('canvas2d');
        expect(await heat.getAttribute('data-renderer-reason')).toMatch(/lost/);
        expect(meanDiff(shown, await picture(page))).toBeLessThan(3);
      }

      // The same view with the 2D path forced: the same picture, give or take edges and the hatch's phase.
      await page.evaluate("localStorage.setItem('tapedeck.heatmap.renderer', 'canvas2d')");
      await page.reload();
      await waitForReady(page);
      await openAt60(page, symbol);
      expect(await heat.getAttribute('data-renderer')).toBe('canvas2d');
      const flat = await picture(page);
      expect(flat.length).toBe(shown.length);
      const diff = meanDiff(shown, flat);
      console.log(`mean colour difference ${first} vs canvas2d over 24-px blocks: ${diff.toFixed(2)} / 255`);
      expect(diff).toBeLessThan(first === 'webgl2' ? 3 : 1);

      // Exact sizes: the fields start from the percentile scale shown; a bad pair says why and changes nothing.
      await page.getByTestId('heat-cutoff-mode').selectOption('size');
      const lo = page.getByTestId('heat-lo-size');
      const hi = page.getByTestId('heat-hi-size');
      expect(Number((await lo.inputValue()).replace(/,/g, ''))).toBeLessThan(Number((await hi.inputValue()).replace(/,/g, '')));
      await hi.fill('0');
      await expect.poll(() => page.getByTestId('heat-cutoff-error').textContent(), { timeout: 5_000 }).toMatch(/above the lower/);
      expect(await hi.getAttribute('aria-invalid')).toBe('true');
      await lo.fill('1');
      await hi.fill('2');
      await expect.poll(() => page.getByTestId('heat-cutoff-error').count(), { timeout: 5_000 }).toBe(0);
      // Every resting size of 2 shares or more is now the brightest colour: the picture gets brighter.
      const brightness = (p: number[]) => p.reduce((s, x) => s + x, 0);
      await expect.poll(async () => brightness(await picture(page)), { timeout: 5_000 }).toBeGreaterThan(brightness(flat) * 1.05);
      await page.evaluate("localStorage.removeItem('tapedeck.heatmap.renderer')");
    });
  });
});
