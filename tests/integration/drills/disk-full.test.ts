/**
 * Drill (issue 15): the disk fills up while two names record. The disk is "full" through an injected ENOSPC
 * on every write (the first one torn half-way, as a real full disk does). Recording stops cleanly with a
 * message saying what to do, the rest of the app keeps working (the broker stays up, a quote still streams),
 * and no file is corrupt: each session's files read back after the repair a restart runs, with every row
 * that was on disk before the disk filled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repairSession } from '../../../src-main/recorder/repair';
import { scanIpcStream } from '../../../src-main/recording-format/ipc-framing';
import { DEPTH_COLUMNS, readStream } from '../../../src-main/recording-format/readers';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { systemClock } from '../../../src-main/platform/clock';
import { waitFor } from '../../support/wait';
import { type Closers, simRig } from '../recorder/sim-rig';

const disk = vi.hoisted(() => ({ full: false, torn: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
  const writeSync = ((fd: number, buf: NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (!disk.full) return (real.writeSync as (...a: unknown[]) => number)(fd, buf, ...rest);
    if (!disk.torn && buf.byteLength > 8 && typeof rest[0] === 'number') {
      disk.torn = true; // the first write on a full disk gets half its bytes in
      const offset = rest[0];
      const length = typeof rest[1] === 'number' ? rest[1] : buf.byteLength - offset;
      return real.writeSync(fd, buf, offset, Math.max(1, Math.floor(length / 2)));
    }
    throw enospc();
  }) as typeof real.writeSync;
  const writeFileSync = ((...a: Parameters<typeof real.writeFileSync>) => {
    if (disk.full) throw enospc();
    return real.writeFileSync(...a);
  }) as typeof real.writeFileSync;
  return { ...real, default: { ...real, writeSync, writeFileSync }, writeSync, writeFileSync };
});

describe('drill: the disk fills up while recording', () => {
  const closers: Closers = [];
  afterEach(async () => {
    disk.full = false;
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('recording stops with "free disk space", the app keeps working, and no file is corrupt after repair', { timeout: 60_000 }, async () => {
    const { svc, broker, catalog } = await simRig(closers, { depthLimit: 5 });
    await svc.start(['AAPL', 'MSFT']);
    const st = (s: string) => svc.status().streams.find((x) => x.symbol === s)!;
    await waitFor(() => ['AAPL', 'MSFT'].every((s) => st(s).rowsWritten > 50), { timeout: 20_000, message: 'rows on disk' });
    const paths = Object.fromEntries([...catalog.values()].map((r) => [r.symbol, r.path]));
    const rowsBefore = Object.fromEntries(Object.entries(paths).map(([s, p]) => [s, scanIpcStream(readFileSync(join(p, 'depth.arrows'))).rows]));

    disk.full = true;
    await waitFor(() => ['AAPL', 'MSFT'].every((s) => st(s).state === 'error'), { timeout: 20_000, message: 'both streams stopped in error' });
    for (const s of ['AAPL', 'MSFT']) expect(st(s).reason).toMatch(/ENOSPC — free disk space/);

    // The rest of the app: the connection is up and market data still flows.
    expect(broker.status().state).toBe('connected');
    let quotes = 0;
    const inst = await broker.resolve('SPY');
    if (!inst.ok) throw new Error(inst.error.message);
    const sub = broker.subscribeQuotes(inst.value, { onQuote: () => quotes++ });
    await waitFor(() => quotes > 0, { timeout: 10_000, message: 'a quote while the disk is full' });
    sub.dispose();

    // Space again; a restart repairs what the full disk tore, and every file reads back whole.
    disk.full = false;
    for (const [s, dir] of Object.entries(paths)) {
      const meta = readSessionMeta(dir)!;
      const fixed = repairSession(dir, meta, systemClock);
      const table = readStream(join(dir, 'depth.arrows'), DEPTH_COLUMNS);
      expect(table.numRows).toBeGreaterThanOrEqual(rowsBefore[s]);
      expect(fixed.repaired).not.toBeNull(); // the session is closed as repaired, its loss counted
    }
  });
});
