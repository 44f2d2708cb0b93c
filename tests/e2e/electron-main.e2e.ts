import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src-shared/contract/calls';
import { IPC_CALL_PREFIX } from '../../src-shared/contract/names';

// The production main bundle (out/main/main.js, built by `npm run build`) boots under plain Node with
// Electron's API stood in: it creates the app, registers one IPC handler per call, and opens a secure
// window on the built renderer with the built preload.
describe('production Electron main bundle', () => {
  it('boots, registers the contract on IPC and opens a sandboxed window on the built renderer', async () => {
    expect(existsSync('out/main/main.js')).toBe(true);
    const userData = mkdtempSync(join(tmpdir(), 'tapedeck-shim-'));
    const proc = spawn(process.execPath, ['--import', './tests/e2e/electron-shim/register.mjs', 'out/main/main.js'], {
      env: { ...process.env, SHIM_USER_DATA: userData, TAPEDECK_LOG: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    try {
      await new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no window within 60 s:\n${out}`)), 60_000);
        proc.stdout.on('data', () => out.includes('SHIM loadFile') && (clearTimeout(timer), res()));
        proc.on('exit', (c) => rej(new Error(`main exited ${c}:\n${out}`)));
      });
      const options = JSON.parse(/SHIM window (.*)/.exec(out)![1]);
      expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(existsSync(options.webPreferences.preload)).toBe(true);
      const handlers = JSON.parse(/SHIM handlers (.*)/.exec(out)![1]) as string[];
      expect(handlers.sort()).toEqual(CALL_NAMES.map((n) => IPC_CALL_PREFIX + n).sort());
      const file = /SHIM loadFile (.*)/.exec(out)![1].trim();
      expect(resolve(file)).toBe(resolve('out/renderer/index.html'));
      expect(existsSync(join(userData, 'tapedeck.db'))).toBe(true);
    } finally {
      proc.kill('SIGKILL');
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
