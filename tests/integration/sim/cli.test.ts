import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../support/wait';
import { IbTestClient } from './support/ib-client';

const root = resolve(__dirname, '../../..');

describe('npm run sim', () => {
  it('prints exactly "listening on <port>", serves, and shuts down cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'src-main/sim/cli.ts', '--port', '0', '--seed', '7', '--depth-limit', '2', '--position', 'AAPL=10@150'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitFor(() => /listening on \d+\n/.test(out), { message: 'listening line', timeout: 20_000 });
      expect(out).toMatch(/^listening on \d+\n$/);
      const port = Number(/listening on (\d+)/.exec(out)![1]);
      const c = await IbTestClient.connect(port);
      c.ib.reqPositions();
      await c.waitFor(() => c.of('positionEnd').length, 'positions');
      expect(c.of('position').map((a) => a[2])).toEqual([10]);
      c.disconnect();
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
