/**
 * `npm run analyze` as a child process on a session written by the recorder's own SessionWriter (with a
 * 317 reset and a reconnect that lost data), checked against the metrics computed here from the ops.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { analyze } from '../../../src-shared/domain/metrics/analyze';
import { emptyBookSeries, tradeSeries } from '../../../src-shared/domain/metrics/series';
import { synthEvents, type SynthEvent, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';

const run = promisify(execFile);
const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/analyze/cli.ts', ...args], { maxBuffer: 64 << 20 });

/** The book after every depth op, from a plain OrderBook (levels here are one row per price). */
function expectedSeries(events: SynthEvent[]) {
  const depth = events.filter((e) => e.kind === 'depth');
  const s = emptyBookSeries(depth.length, 10);
  const book = new OrderBook();
  let i = 0;
  for (const e of events) {
    if (e.kind === 'reset' || e.kind === 'reconnect') book.clear();
    if (e.kind !== 'depth') continue;
    book.apply(e.op);
    s.t[i] = e.ts;
    book.bids().slice(0, 10).forEach((r, l) => ((s.bidPx[i * 10 + l] = r.price), (s.bidSz[i * 10 + l] = r.size)));
    book.asks().slice(0, 10).forEach((r, l) => ((s.askPx[i * 10 + l] = r.price), (s.askSz[i * 10 + l] = r.size)));
    i++;
  }
  const trades = tradeSeries(events.flatMap((e) => (e.kind === 'trade' ? [{ t: e.ts, price: e.price, size: e.size }] : [])));
  return { book: s, trades };
}

describe('npm run analyze (child process)', () => {
  const dirs: Array<() => void> = [];
  afterEach(() => dirs.splice(0).forEach((c) => c()));

  const start = etToEpoch('2026-11-30', 10, 0);
  const setup = () => {
    const tmp = makeTempDir('tapedeck-analyze-');
    dirs.push(tmp.cleanup);
    const events = [...synthEvents({ start, events: 20_000, seed: 11, resetAt: 5_000, reconnectAt: 12_000 })];
    const session = writeSynthSession(tmp.dir, 'TEST', events, start);
    return { dataDir: tmp.dir, events, session };
  };

  it('--json prints one object whose metrics equal those computed from the ops', async () => {
    const { dataDir, events, session } = setup();
    const { stdout } = await cli(['--data-dir', dataDir, '--symbol', 'TEST', '--date', session.date, '--bucket', '1s', '--json']);
    const out = JSON.parse(stdout);
    const exp = expectedSeries(events);
    const want = analyze({
      ...exp, bucketMs: 1000, depthLevels: 5,
      quality: { open: [], gaps: [], markers: [] },
    });
    expect(out.sessions).toEqual([session.sessionId]);
    expect(out.range.events).toBe(exp.book.n);
    expect(out.range.trades).toBe(exp.trades.n);
    expect(out.ofi.bucketMs).toBe(1000);
    expect(out.ofi.beta).toBeCloseTo(want.ofi.beta!, 12);
    expect(out.ofi.r2).toBeCloseTo(want.ofi.r2!, 9);
    expect(out.ofi.beta).toBeGreaterThan(0);
    expect(out.ofi.buckets).toHaveLength(want.ofi.buckets.length);
    expect(out.ofi.buckets[3]).toEqual({ t: expect.any(Number), ofi: want.ofi.buckets[3].ofi, dMid: want.ofi.buckets[3].dMid });
    for (const k of ['binSize', 'poc', 'vah', 'val'] as const) expect(out.profile[k]).toBeCloseTo(want.profile[k]!, 9);
    for (const k of ['quotedMean', 'relativeMeanBps', 'effectiveMean'] as const) expect(out.spread[k]).toBeCloseTo(want.spread[k]!, 9);
    expect(out.cvd.final).toBe(want.cvd.final);
    expect(out.cvd.method).toMatch(/inferred/);
    expect(out.impact.kyleLambda).toBeCloseTo(want.impact.kyleLambda!, 12);
    expect(out.depthImbalance.mean).toBeCloseTo(want.depthImbalance.mean!, 9);
    expect(out.microPrice.converged).toBe(true);
    expect(out.multiLevelOfi.levels).toBe(10);
    // Quality sees the 15 s reconnect gap, its 1101 and the 317 reset.
    expect(out.quality.gaps).toBe(1);
    expect(out.quality.resubscribes1101).toBe(1);
    expect(out.quality.resets).toBe(1);
    expect(out.quality.score).toBe(100 - 18 - Math.round(out.quality.staleShare * 1000) / 10);
    expect(out.quality.stalePeriods).toHaveLength(1);
    expect(out.quality.reasons.join(' ')).toMatch(/1 gap/);
    expect(out.tapeQuality.stream).toBe('trades');
    expect(out.tapeQuality.score).toBeLessThanOrEqual(out.quality.score);
    for (const m of [out.ofi, out.spread, out.profile, out.impact]) {
      expect(m.definition).toEqual(expect.any(String));
      expect(m.source).toEqual(expect.any(String));
    }
  }, 60_000);

  it('--from/--to restrict the range; the table without --json; --describe and --help; bad args exit 2', async () => {
    const { dataDir, session } = setup();
    const base = ['--data-dir', dataDir, '--symbol', 'TEST', '--date', session.date];
    // Independent child processes: run them side by side.
    const [all, part, table, described, help, badBucket, missing] = await Promise.all([
      cli([...base, '--json']).then((r) => JSON.parse(r.stdout)),
      cli([...base, '--from', '10:01', '--to', '10:02', '--json']).then((r) => JSON.parse(r.stdout)),
      cli(base).then((r) => r.stdout),
      cli(['--describe']).then((r) => JSON.parse(r.stdout)),
      cli(['--help']).then((r) => r.stdout),
      cli([...base, '--bucket', 'fast']).then(() => null, (e: { code: number }) => e.code),
      cli(['--data-dir', dataDir, '--symbol', 'NONE', '--date', session.date]).then(() => null, (e: { code: number }) => e.code),
    ]);
    expect(part.range.from).toBeGreaterThanOrEqual(start + 60_000);
    expect(part.range.to).toBeLessThan(start + 120_000);
    expect(part.range.events).toBeLessThan(all.range.events);
    expect(part.range.events).toBeGreaterThan(0);
    expect(all.ofi.bucketMs).toBe(10_000);
    expect(table).toMatch(/OFI β/);
    expect(table).toMatch(/quality/);
    expect(described.inputs['--data-dir']).toBeTruthy();
    expect(described.outputs.json.ofi).toMatch(/bucketMs/);
    expect(help).toMatch(/--bucket/);
    expect(badBucket).toBe(2);
    expect(missing).toBe(1);
  }, 120_000);
});
