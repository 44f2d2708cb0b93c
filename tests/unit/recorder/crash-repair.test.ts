import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { scanIpcStream } from '../../../src-main/recording-format/ipc-framing';
import { repairRecordings } from '../../../src-main/recorder/repair';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

describe('crash repair after kill -9', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('keeps every whole batch of a recorder killed mid-stream and reads back with apache-arrow', async () => {
    const tmp = makeTempDir('rec-crash-');
    cleanups.push(tmp.cleanup);
    const proc = spawn(process.execPath, ['--import', 'tsx', child, tmp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => proc.exitCode === null && proc.kill('SIGKILL'));
    let out = '';
    let errOut = '';
    proc.stdout.on('data', (b) => (out += b));
    proc.stderr.on('data', (b) => (errOut += b));
    const dir = await waitFor(() => /ready (.+)\n/.exec(out)?.[1], { timeout: 20_000, message: `child ready (${errOut})` });
    const exited = new Promise((r) => proc.on('exit', r));
    proc.kill('SIGKILL');
    await exited;

    const depthPath = join(dir, 'depth.arrows');
    const before = scanIpcStream(readFileSync(depthPath));
    expect(before.eos).toBe(false);
    expect(readSessionMeta(dir)!.stoppedAt).toBeNull();

    const upserts: Array<{ state: string }> = [];
    const report = repairRecordings(tmp.dir, { upsert: (r) => void upserts.push(r), list: () => [] }, new ManualClock(1));
    expect(report.repaired).toBe(1);
    const table = tableFromIPC(readFileSync(depthPath));
    expect(table.numRows).toBe(before.rows);
    expect(table.numRows).toBeGreaterThanOrEqual(900);
    const seq = table.getChild('seq')!.toArray() as BigInt64Array;
    seq.forEach((v, i) => expect(v).toBe(BigInt(i + 1)));
    const meta = readSessionMeta(dir)!;
    expect(meta.repaired!.lastGoodTsRecv).toBe(1_700_000_000_000 + table.numRows - 1);
    expect(meta.counts.depthMessages).toBe(table.numRows);
    expect(upserts).toEqual([expect.objectContaining({ state: 'repaired', repaired: true })]);
    expect(tableFromIPC(readFileSync(join(dir, 'snapshots.arrows'))).numRows).toBeGreaterThan(0);
  });
});
