import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { withApp } from './fixture';
import { screenshot, waitForReady } from './harness';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `npm run sim`'s entry on a given port; resolves once it prints `listening on <port>`. */
async function startSim(port: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src-main/sim/cli.ts', '--port', String(port), '--seed', '7'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim did not start:\n${out}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      if (out.includes(`listening on ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', (code) => reject(new Error(`sim exited ${code}:\n${out}`)));
  });
  return proc;
}

const stopSim = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });

describe('connection status (serve --gateway against npm run sim)', () => {
  it('shows connected, then reconnecting with a countdown when the gateway stops, then connected again', async () => {
    const port = await freePort();
    let sim = await startSim(port);
    try {
      await withApp(
        'connection',
        async ({ serve, browser }) => {
          const { page } = browser;
          await page.goto(serve.url);
          await waitForReady(page);
          const state = page.getByTestId('gateway-state');
          await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('connected');
          expect(await page.getByTestId('account-mode').getAttribute('data-mode')).toBe('paper');
          expect(await page.getByTestId('demo-badge').count()).toBe(0);

          await stopSim(sim);
          await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toMatch(/reconnecting|failed/);
          await expect.poll(async () => (await state.textContent()) ?? '', { timeout: 10_000 }).toMatch(/\d+\s*s/);
          const t1 = await state.textContent();
          await expect.poll(async () => await state.textContent(), { timeout: 5_000 }).not.toBe(t1);
          await screenshot(page, 'connection-reconnecting');

          sim = await startSim(port);
          await expect.poll(() => state.getAttribute('data-state'), { timeout: 45_000 }).toBe('connected');
        },
        ['--gateway', `127.0.0.1:${port}`],
      );
    } finally {
      await stopSim(sim);
    }
  });
});
