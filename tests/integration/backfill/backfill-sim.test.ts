/**
 * Acceptance: `npm run backfill` as a child process against the simulator over TCP, with the simulator's
 * pacing clock 60× fast (ten minutes of IB pacing in ten seconds) and the CLI's gate scaled the same way.
 * A 2-symbol × 20-session 1-minute job and a 5-second job that overflows the 60-per-10-minutes window finish
 * with zero error 162 counted at the simulator; a run killed with SIGKILL and restarted ends with the same
 * files (sha256) as an uninterrupted one; a rerun writes nothing.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../src-main/backfill/bar-files';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { etDate, etToEpoch, previousSessions } from '../../../src-shared/domain/market-time';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

const root = resolve(__dirname, '../../..');
const SCALE = 60;
const simDay = previousSessions(etDate(Date.now()), 1)[0];
const sessions = previousSessions(simDay, 20);
const range = ['--start', sessions[19], '--end', sessions[0]];

let sim: Simulator;
let tmp: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  const market = createSimMarket({ seed: 11, speed: 1, startTime: etToEpoch(simDay, 10, 0) });
  sim = await startSimulator({ port: 0, market, pacingTimeScale: SCALE });
  tmp = makeTempDir();
});
afterAll(async () => {
  await sim?.close();
  sim?.market.dispose();
  tmp?.cleanup();
});

interface Child { out: string; exit: Promise<number | null>; kill(): void }
function backfill(dataDir: string, ...args: string[]): Child {
  const child = spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'src-main/backfill/cli.ts',
    '--gateway', `127.0.0.1:${sim.port}`, '--pacing-time-scale', String(SCALE), '--data-dir', dataDir, '--client-id', String(20 + Math.floor(Math.random() * 1000)), ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const c: Child = { out: '', exit: new Promise((r) => child.on('exit', (code) => r(code))), kill: () => child.kill('SIGKILL') };
  child.stdout.on('data', (d) => (c.out += String(d)));
  child.stderr.on('data', (d) => (c.out += String(d)));
  return c;
}

async function finished(c: Child): Promise<string> {
  const code = await c.exit;
  if (code !== 0) throw new Error(`backfill exited ${code}:\n${c.out}`);
  return c.out;
}

/** Every bar file under dir → sha256, by relative path. */
function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = sha256File(p);
    }
  };
  walk(join(dir, 'bars'));
  return out;
}

const summary = (out: string) => /SUMMARY WRITE=(\d+) SKIP=(\d+) EMPTY=(\d+) ERROR=(\d+) total=(\d+)/.exec(out)?.slice(1).map(Number);

describe('backfill CLI against the simulator', () => {
  it('runs 1-minute and 5-second jobs with zero pacing violations; kill -9 + restart gives the same files; a rerun skips', async () => {
    const clean = join(tmp.dir, 'clean');
    const killed = join(tmp.dir, 'killed');
    const symbols = ['--symbols', 'AAPL,MSFT'];

    const first = await finished(backfill(clean, ...symbols, ...range, '--bar', '1min'));
    expect(summary(first)).toEqual([40, 0, 0, 0, 40]);
    // 2 × 3 extended sessions × 16 windows of 3600 S (13 on a half day) ≥ 78 requests: over the 10-minute cap.
    const small = await finished(backfill(clean, ...symbols, '--start', sessions[2], '--end', sessions[0], '--bar', '5 secs'));
    expect(summary(small)).toEqual([6, 0, 0, 0, 6]);
    expect(sim.stats().historicalRequests - 40).toBeGreaterThan(60);

    // The same 1-minute job, slowed down so it can be killed in the middle.
    sim.faults.slowReplies(60);
    const victim = backfill(killed, ...symbols, ...range, '--bar', '1min', '--max-workers', '2');
    await waitFor(() => (victim.out.match(/^WRITE /gm) ?? []).length >= 6, { timeout: 30_000, message: 'six tasks written' });
    victim.kill();
    await victim.exit;
    sim.faults.slowReplies(0);
    const writtenBefore = (victim.out.match(/^WRITE /gm) ?? []).length;
    expect(writtenBefore).toBeLessThan(40);
    const resumed = await finished(backfill(killed, ...symbols, ...range, '--bar', '1min'));
    const [w, s, , e] = summary(resumed)!;
    expect(e).toBe(0);
    expect(s).toBeGreaterThanOrEqual(writtenBefore);
    expect(w + s).toBe(40);
    const a = checksums(clean);
    const b = checksums(killed);
    expect(Object.keys(b).length).toBe(40);
    expect(Object.keys(a).length).toBe(46);
    for (const [path, sum] of Object.entries(b)) expect(a[path], path).toBe(sum);

    const rerun = await finished(backfill(killed, ...symbols, ...range, '--bar', '1min'));
    expect(rerun).toMatch(/^SUMMARY WRITE=0 SKIP=40 EMPTY=0 ERROR=0 total=40 concurrency=4 duration=\d+\.\d{3}s$/m);
    const manifest = readFileSync(join(killed, 'backfill_runs', readdirSync(join(killed, 'backfill_runs'))[0], 'backfill_manifest.jsonl'), 'utf8').trim().split('\n');
    expect(manifest.map((l) => JSON.parse(l).index)).toEqual([...Array(40).keys()]);

    expect(sim.stats().pacingViolations).toBe(0);
  }, 120_000);
});
