import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady } from './harness';

describe('app shell (serve --demo)', () => {
  it('loads, reaches ready, shows the gateway state, and keeps a settings change across a reload', async () => {
    await withApp('app-shell', async ({ serve, browser }) => {
      const { page } = browser;
      const res = await fetch(serve.origin + '/');
      expect(res.status).toBe(200);
      await page.goto(serve.url);
      await waitForReady(page);
      const status = page.getByTestId('gateway-state');
      await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 20_000 }).toMatch(/connected/i);
      await expect.poll(async () => (await page.getByTestId('status-bar').textContent()) ?? '').toMatch(/DEMO/);
      expect(await page.getByTestId('account-mode').getAttribute('data-mode')).toBe('paper');
      expect(await page.getByTestId('armed-state').getAttribute('data-armed')).toBe('false');
      await screenshot(page, 'app-shell');

      // A settings change (the scanner's quick filter, persisted through settings:update) survives a reload.
      const filter = page.getByTestId('scanner-filter');
      await filter.fill('ZZTEST');
      // The UI debounces persistence; reload only once the server has it.
      await expect
        .poll(async () => ((await callServe(serve, 'settings:get')) as { value: { ui: Record<string, unknown> } }).value.ui.scannerFilter, {
          timeout: 10_000,
        })
        .toBe('ZZTEST');
      await page.reload();
      await waitForReady(page);
      await expect.poll(() => page.getByTestId('scanner-filter').inputValue(), { timeout: 10_000 }).toBe('ZZTEST');
    });
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await withApp('ws-refusal', async ({ serve }) => {
      const port = new URL(serve.url).port;
      const token = new URL(serve.url).searchParams.get('token');
      const attempt = (url: string, origin: string) =>
        new Promise<number | 'open'>((resolve) => {
          const ws = new WebSocket(url, { origin });
          ws.on('open', () => (ws.close(), resolve('open')));
          ws.on('unexpected-response', (_q, r) => resolve(r.statusCode ?? 0));
          ws.on('error', () => resolve(0));
        });
      expect(await attempt(`ws://127.0.0.1:${port}/ws`, serve.origin)).toBe(401);
      expect(await attempt(`ws://127.0.0.1:${port}/ws?token=${token}`, 'http://example.com')).toBe(403);
      expect(await attempt(`ws://127.0.0.1:${port}/ws?token=${token}`, serve.origin)).toBe('open');
    });
  });
});
