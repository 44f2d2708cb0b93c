/**
 * The job over a fake HistoricalPort (the IB side is covered against the simulator): manifest order under
 * concurrency, SKIP on rerun, --force, a timed-out window split in two, "no data" as EMPTY, errors as ERROR.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBarFile } from '../../../src-main/backfill/bar-files';
import { trimBars } from '../../../src-main/backfill/fetch-chunk';
import type { BackfillSpec } from '../../../src-main/backfill/plan/plan';
import { OrderedEmitter } from '../../../src-main/backfill/run-report';
import { runBackfill, type RunOutcome } from '../../../src-main/backfill/run-backfill';
import { HISTORICAL_TIMEOUT, type HistoricalPort, type HistoricalRequest } from '../../../src-main/broker/port';
import { openStorage, type Storage } from '../../../src-main/storage';
import { err, ok } from '../../../src-shared/contract/result';
import type { Bar } from '../../../src-shared/domain/bar';
import { Symbol as Sym } from '../../../src-shared/domain/brand';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { makeTempDir } from '../../support/temp-dir';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).reverse().forEach((c) => c()));

const NOW = Date.UTC(2025, 3, 1, 14);
const spec: BackfillSpec = { symbols: ['AAA', 'BBB'], start: '2025-03-03', end: '2025-03-07', kind: 'bars', bar: '1min', what: 'TRADES', rth: true };

/** Answers after a random delay so tasks finish out of order; `script` can fail or time out chosen requests. */
function fakePort(script: (r: HistoricalRequest) => 'ok' | 'empty' | 'timeout' | 'fail' = () => 'ok') {
  const calls: HistoricalRequest[] = [];
  let seed = 1;
  const delay = () => new Promise((r) => setTimeout(r, ((seed = (seed * 48271) % 2147483647) % 7) + 1));
  const port: HistoricalPort = {
    resolve: async (s) => (s === 'ZZZ' ? err('NOT_FOUND', `IB does not know the symbol ${s}.`) : ok({ symbol: Sym.parse(s), conId: s.charCodeAt(0), exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD' } as Instrument)),
    headTimestamp: async () => ok(0),
    historicalBars: async (r) => {
      calls.push(r);
      await delay();
      const mode = script(r);
      if (mode === 'timeout') return err('INTERNAL', `${HISTORICAL_TIMEOUT} for ${r.instrument.symbol}.`);
      if (mode === 'fail') return err('INVALID_INPUT', 'IB rejected the request: bad', 321);
      if (mode === 'empty') return ok([]);
      const bars: Bar[] = [];
      // A day of RTH minutes ending at r.end, plus one bar outside the window to be trimmed away.
      for (let t = r.end! - 390 * 60_000 - 60_000; t < r.end! + 60_000; t += 60_000) bars.push({ tsOpen: t, open: 1, high: 2, low: 0.5, close: 1.5, volume: 100, count: 3 });
      return ok(bars);
    },
  };
  return { port, calls };
}

function rig() {
  const tmp = makeTempDir();
  const storage: Storage = openStorage(tmp.dir);
  closers.push(() => tmp.cleanup(), () => storage.close());
  return { dir: tmp.dir, storage };
}

async function run(dir: string, storage: Storage, port: HistoricalPort, o: { force?: boolean; workers?: number; s?: BackfillSpec } = {}): Promise<RunOutcome> {
  const r = await runBackfill(o.s ?? spec, { port, repo: storage.backfill, clock: { now: () => NOW }, dataDir: dir, maxWorkers: o.workers ?? 4, force: o.force ?? false });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('backfill job', () => {
  it('writes one Arrow file per session, trimmed to RTH, and the manifest in input order despite 4 workers', async () => {
    const { dir, storage } = rig();
    const r = await run(dir, storage, fakePort().port);
    expect(r.line).toMatch(/^SUMMARY WRITE=10 SKIP=0 EMPTY=0 ERROR=0 total=10 concurrency=4 duration=\d+\.\d{3}s$/);
    const lines = readFileSync(join(r.runDir, 'backfill_manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.index)).toEqual([...Array(10).keys()]);
    expect(lines[0]).toMatchObject({ symbol: 'AAA', dates: ['2025-03-03'], status: 'WRITE', rows: 390 });
    const bars = readBarFile(join(dir, 'bars/symbol=AAA/bar=1min_rth/date=2025-03-03.arrow'));
    expect(bars).toHaveLength(390);
    expect(bars[0]).toEqual({ tsOpen: Date.UTC(2025, 2, 3, 14, 30), open: 1, high: 2, low: 0.5, close: 1.5, volume: 100, count: 3 });
    expect(JSON.parse(readFileSync(join(r.runDir, 'backfill_summary.json'), 'utf8')).summary).toMatchObject({ WRITE: 10, total: 10 });
  });

  it('a rerun skips everything and sends nothing; --force redoes it', async () => {
    const { dir, storage } = rig();
    await run(dir, storage, fakePort().port);
    const again = fakePort();
    expect((await run(dir, storage, again.port)).line).toMatch(/^SUMMARY WRITE=0 SKIP=10 EMPTY=0 ERROR=0 total=10 /);
    expect(again.calls).toHaveLength(0);
    const forced = fakePort();
    expect((await run(dir, storage, forced.port, { force: true })).summary.WRITE).toBe(10);
    expect(forced.calls).toHaveLength(10);
  });

  it('splits a timed-out window in two, and reports no-data days as EMPTY without a file', async () => {
    const { dir, storage } = rig();
    const { port, calls } = fakePort((r) => (r.duration === '1 D' && r.instrument.symbol === 'AAA' ? 'timeout' : r.instrument.symbol === 'BBB' ? 'empty' : 'ok'));
    const r = await run(dir, storage, port, { workers: 1 });
    expect(r.summary).toMatchObject({ WRITE: 5, EMPTY: 5, ERROR: 0 });
    expect(calls.filter((c) => c.instrument.symbol === 'AAA').map((c) => c.duration).slice(0, 3)).toEqual(['1 D', '11700 S', '11700 S']);
    expect(readBarFile(join(dir, 'bars/symbol=AAA/bar=1min_rth/date=2025-03-04.arrow'))).toHaveLength(390);
    expect(existsSync(join(dir, 'bars/symbol=BBB'))).toBe(false);
    // Empty days are known: the rerun skips them too.
    expect((await run(dir, storage, fakePort().port)).summary.SKIP).toBe(10);
  });

  it('a failed request is an ERROR line with IB\'s words, retried on the next run; unknown symbols are ERROR lines', async () => {
    const { dir, storage } = rig();
    const r = await run(dir, storage, fakePort((q) => (q.end === Date.UTC(2025, 2, 5, 21) ? 'fail' : 'ok')).port, { s: { ...spec, symbols: ['AAA', 'ZZZ'] } });
    expect(r.summary).toMatchObject({ WRITE: 4, ERROR: 2, total: 6 });
    expect(r.reports.find((x) => x.status === 'ERROR' && x.symbol === 'AAA')?.error).toMatch(/bad/);
    expect(r.reports[5]).toMatchObject({ symbol: 'ZZZ', status: 'ERROR', error: expect.stringMatching(/does not know/) });
    const again = await run(dir, storage, fakePort().port, { s: { ...spec, symbols: ['AAA'] } });
    expect(again.summary).toMatchObject({ WRITE: 1, SKIP: 4 });
  });

  it('OrderedEmitter releases items only when every earlier one is in; trimBars keeps the window once per time', () => {
    const out: number[] = [];
    const e = new OrderedEmitter<{ index: number }>((x) => out.push(x.index));
    for (const i of [2, 0, 3, 1, 5]) e.push({ index: i });
    expect(out).toEqual([0, 1, 2, 3]);
    expect(e.waiting).toBe(1);
    const b = (t: number, c = 1): Bar => ({ tsOpen: t, open: c, high: c, low: c, close: c, volume: 0 });
    expect(trimBars([b(3), b(1), b(2), b(1, 9), b(5)], 1, 5).map((x) => [x.tsOpen, x.close])).toEqual([[1, 9], [2, 1], [3, 1]]);
  });
});
