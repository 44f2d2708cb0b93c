/** A fake Jts folder whose `ibgateway` launcher is a shell script of the test's choosing. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export function fakeJts(home: string, version: string, body: string): string {
  const dir = join(home, 'Jts', 'ibgateway', version);
  mkdirSync(dir, { recursive: true });
  const launcher = join(dir, 'ibgateway');
  writeFileSync(launcher, `#!/bin/sh\n${body}\n`);
  chmodSync(launcher, 0o755);
  return launcher;
}

/** The project's simulator on a port: what a real gateway would be once logged in. */
export function simScript(port: number, extra = ''): string {
  return `cd "${REPO_ROOT}" || exit 9\nexec "${process.execPath}" --import tsx src-main/sim/cli.ts --port ${port} ${extra}`;
}

/** A TCP listener that accepts and never speaks: a port open with the API switched off. */
export function silentListenerScript(port: number): string {
  const js = `require('net').createServer((s) => s.resume()).listen(${port}, '127.0.0.1')`;
  return `exec "${process.execPath}" -e "${js}"`;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
