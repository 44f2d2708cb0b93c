/**
 * The Connection dialog finds a (fake) IB Gateway install, launches it, counts down until the real API
 * handshake, and the app connects to it. The fake gateway is the simulator reporting a live-looking account
 * while the session is set to paper, so the status bar must flag the mismatch in red.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { waitFor } from '../support/wait';
import { fakeJts, simScript } from '../integration/gateway/fake-jts';
import { withApp } from './fixture';
import { callServe, screenshot, waitForReady } from './harness';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The launched gateway outlives serve on purpose (it is the user's program): the test kills its group. */
async function killGroup(pid: number | undefined): Promise<void> {
  if (!pid) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await waitFor(() => !alive(), { message: 'launched gateway gone' });
}

describe('gateway launch from the Connection dialog', () => {
  it('lists the install, launches it, waits for the handshake, connects, and flags a live account in paper mode', async () => {
    const port = await freePort();
    const home = makeTempDir('tapedeck-e2e-jts-');
    fakeJts(home.dir, '1030', simScript(port, '--accounts U7654321 --seed 7'));
    let pid: number | undefined;
    try {
      await withApp(
        'gateway',
        async ({ serve, browser }) => {
          const { page } = browser;
          await page.goto(serve.url);
          await waitForReady(page);
          await page.getByTestId('gateway-state').click();
          const select = page.getByTestId('gateway-install');
          await expect.poll(() => select.locator('option').count(), { timeout: 10_000 }).toBe(1);
          expect(await select.locator('option').first().textContent()).toContain('IB Gateway 10.30');
          await page.getByTestId('gateway-launch').click();
          const status = page.getByTestId('gateway-status');
          await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toMatch(/waiting|ready/);
          const s = (await callServe(serve, 'gateway:status')) as { ok: boolean; value: { pid?: number } };
          pid = s.value.pid;
          await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
          expect(await status.textContent()).toContain('U7654321');
          await expect.poll(() => page.getByTestId('gateway-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
          const mismatch = page.getByTestId('mode-mismatch');
          await expect.poll(() => mismatch.count(), { timeout: 5_000 }).toBe(1);
          expect(await mismatch.textContent()).toMatch(/PAPER.*U7654321 is a LIVE account/);
          expect(await page.getByTestId('details-mode-mismatch').textContent()).toContain('U7654321');
          await screenshot(page, 'gateway-launched-mode-mismatch');
        },
        ['--gateway', `127.0.0.1:${port}`, '--gateway-home', home.dir],
      );
    } finally {
      await killGroup(pid);
      home.cleanup();
    }
  });
});
