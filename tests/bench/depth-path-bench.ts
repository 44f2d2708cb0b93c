/**
 * The depth path as the budget states it (DESIGN §8): socket → @stoqey/ib decode → broker → recorder book →
 * Arrow file, on the app's one main thread, against a firehose simulator in another process. Reports the
 * throughput seen and the CPU each message costs (so the one-core capacity), and the raw socket framing
 * speed on the same firehose for comparison.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src-shared/contract/features/settings';
import { createBroker } from '../../src-main/broker';
import { systemClock } from '../../src-main/platform/clock';
import { createLogger } from '../../src-main/platform/log';
import { RecorderService } from '../../src-main/recorder/recorder-service';
import { openStorage } from '../../src-main/storage';
import { rawTwsClient, reqDepthFields } from './raw-tws-client';

type Figure = { name: string; value: number; unit: string };
const RATE = 300_000;
const log = createLogger('bench');

async function startFirehose(): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/firehose-sim.ts', String(RATE)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (c) => reject(new Error(`firehose exited ${c}`)));
  });
  return { proc, port };
}

/** Measures `count()` growth and this process's CPU over `ms`. */
async function sample(count: () => number, ms: number): Promise<{ perSec: number; cpuUsPerMsg: number }> {
  const c0 = count();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const cpu = process.cpuUsage(cpu0);
  const n = count() - c0;
  return { perSec: (n * 1000) / (performance.now() - t0), cpuUsPerMsg: n > 0 ? (cpu.user + cpu.system) / n : Infinity };
}

async function appPath(port: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tapedeck-depth-bench-'));
  const storage = openStorage(dir);
  const broker = createBroker({ connection: { ...DEFAULT_SETTINGS.connection, port, demo: true }, demo: true, clock: systemClock, log });
  const recorder = new RecorderService({
    broker, clock: systemClock, dataDir: dir, settings: () => ({ ...DEFAULT_SETTINGS.recorder, smartDepth: false, depthRows: 10 }),
    catalog: storage.recordings, emitStatus: () => {}, emitFrame: () => {}, log,
  });
  try {
    broker.start();
    while (broker.status().state !== 'connected') await new Promise((r) => setTimeout(r, 20));
    await recorder.start(['AAPL']);
    const depth = () => recorder.status().streams[0]?.depthMessages ?? 0;
    while (depth() < 10_000) await new Promise((r) => setTimeout(r, 20));
    const s = await sample(depth, 3_000);
    return [
      { name: 'depth_path_socket_to_arrow', value: s.perSec, unit: 'msg/s' },
      { name: 'depth_path_cpu_per_msg', value: s.cpuUsPerMsg, unit: 'us/msg' },
      { name: 'depth_path_one_core_capacity', value: 1e6 / s.cpuUsPerMsg, unit: 'msg/s' },
    ];
  } finally {
    await recorder.dispose();
    await broker.dispose();
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Frames only: length-prefix splitting, no decoding, on the same firehose. */
async function rawFraming(port: number): Promise<Figure[]> {
  const client = await rawTwsClient(port, 99);
  try {
    await client.ready;
    client.send(reqDepthFields(1, 'AAPL', 10, false));
    while (client.frames() < 10_000) await new Promise((r) => setTimeout(r, 20));
    const s = await sample(client.frames, 3_000);
    return [
      { name: 'raw_socket_framing', value: s.perSec, unit: 'msg/s' },
      { name: 'raw_socket_framing_cpu_per_msg', value: s.cpuUsPerMsg, unit: 'us/msg' },
    ];
  } finally {
    client.socket.destroy();
  }
}

export async function benchDepthPath(): Promise<Figure[]> {
  const fh = await startFirehose();
  try {
    return [{ name: 'depth_path_firehose_rate', value: RATE, unit: 'msg/s' }, ...(await rawFraming(fh.port)), ...(await appPath(fh.port))];
  } finally {
    fh.proc.kill('SIGTERM');
  }
}
