import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecorderStatus, RecordingSummary, ScannerSnapshot } from '../../../src-shared/contract';
import { createApp, type App } from '../../../src-main/app';
import { createLogger } from '../../../src-main/platform/log';
import { FLUSH_INTERVAL_MS } from '../../../src-main/recorder/recorder-timers';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';
import { WsClient } from '../../support/ws-client';

async function startAppProcess(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/support/app-process.ts', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`app exited ${code}:\n${out}`)));
  });
  return { proc, url };
}

describe('crash recovery of the real app', () => {
  const tmp = makeTempDir('tapedeck-crash-');
  let child: ChildProcess | undefined;
  let app: App | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await app?.dispose();
    tmp.cleanup();
  });

  it('kill -9 while 5 streams record: the next start repairs every session, readable, losing at most one flush interval', { timeout: 90_000 }, async () => {
    const started = await startAppProcess(tmp.dir);
    child = started.proc;
    const client = await WsClient.open(started.url);
    const snap = await waitFor(async () => {
      const r = await client.call<ScannerSnapshot>('scanner:snapshot');
      return r.ok && r.value.rows.length >= 5 ? r.value : null;
    }, { timeout: 30_000, message: 'scanner rows' });
    const symbols = snap.rows.slice(0, 5).map((r) => r.symbol);
    expect((await client.call('recorder:start', { symbols })).ok).toBe(true);
    const startedWall = Date.now();

    // Let every stream write a few batches, then kill without warning.
    // Several flush intervals of data from every stream first.
    await waitFor(async () => {
      const r = await client.call<RecorderStatus>('recorder:status');
      const live = r.ok ? r.value.streams.filter((s) => s.state === 'recording' && s.rowsWritten > 0) : [];
      // Wall time, not each stream's last update: a thin premarket name can go quiet for seconds.
      return live.length === 5 && Date.now() - startedWall >= 3 * FLUSH_INTERVAL_MS;
    }, { timeout: 60_000, message: '5 streams recording for 3 flush intervals' });
    const before = await client.call<RecorderStatus>('recorder:status');
    if (!before.ok) throw new Error(before.error.message);
    client.close();
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    // Next start on the same data directory.
    app = await createApp({ dataDir: tmp.dir, carrier: 'websocket', version: 'test', demo: true, demoOptions: { seed: 11, depthLimit: 5 }, log: createLogger('crash-test') });
    const sessions = await app.router.dispatch('recorder:sessions', {}, { clientId: 't' });
    if (!sessions.ok) throw new Error(sessions.error.message);
    const list = sessions.value as RecordingSummary[];
    expect(list.filter((s) => symbols.includes(s.symbol))).toHaveLength(5);
    for (const s of list.filter((x) => symbols.includes(x.symbol))) {
      expect(s.repaired).toBe(true);
      const file = join(s.path, 'depth.arrows');
      expect(existsSync(file)).toBe(true);
      const table = tableFromIPC(readFileSync(file));
      expect(table.numRows).toBeGreaterThan(0);
      for (const col of ['position', 'operation', 'side', 'price', 'size']) expect(table.getChild(col)).not.toBeNull();
      // What the app had received just before the kill vs what survived in the file.
      const lastBefore = before.value.streams.find((x) => x.symbol === s.symbol)!.lastUpdate!;
      const ts = table.getChild('tsRecv')!;
      const lastInFile = Number(ts.get(table.numRows - 1));
      expect(lastBefore - lastInFile).toBeLessThanOrEqual(FLUSH_INTERVAL_MS + 500);
    }
  });
});
