/**
 * Databento MBP-10 → a Tapedeck session: the replay engine, rebuilding the book from depth.arrows, shows
 * Databento's own top 10 at sampled records; trades land in ticks.arrows; the analysis loader reads it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertDbnToSession } from '../../../../src-main/backfill/databento/convert';
import { decodeDbn, type DbnLevel } from '../../../../src-main/backfill/databento/dbn/decode';
import { loadSession } from '../../../../src-main/analyze/load-session';
import { listSessionDirs, readSessionMeta } from '../../../../src-main/recording-format/session-meta';
import { loadTimeline } from '../../../../src-main/replay/load-timeline';
import { ReplayEngine } from '../../../../src-main/replay/replay-engine';
import { fixture, hasFixtures } from '../../../support/fixtures';
import { syntheticDbn, syntheticMbp } from '../../../support/synthetic-dbn';
import { makeTempDir } from '../../../support/temp-dir';

const XNAS = () => fixture('databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst');

/** Databento's levels as [price, size] per side, best first, up to the first undefined one. */
function truth(levels: readonly DbnLevel[]): { bids: number[][]; asks: number[][] } {
  const side = (px: 'bidPx' | 'askPx', sz: 'bidSz' | 'askSz') => {
    const out: number[][] = [];
    for (const l of levels) {
      if (l[px] === null) break;
      out.push([l[px] as number, l[sz]]);
    }
    return out;
  };
  return { bids: side('bidPx', 'bidSz'), asks: side('askPx', 'askSz') };
}

function engineFor(dir: string): ReplayEngine {
  const tl = loadTimeline([dir]);
  if (!tl.ok) throw new Error(tl.error.message);
  return new ReplayEngine(tl.value);
}

const bookOf = (e: ReplayEngine) => {
  const a = e.book.aggregated(10);
  return { bids: a.bids.map(([p, s]) => [p, s]), asks: a.asks.map(([p, s]) => [p, s]) };
};

describe.skipIf(!hasFixtures)('Databento MBP-10 → recording session', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir('databento-convert-')));
  afterEach(() => tmp.cleanup());

  it('the XNAS fixture: session.json marked databento, the book after each record equals its levels', async () => {
    const bytes = new Uint8Array(readFileSync(XNAS()));
    const file = decodeDbn(bytes);
    const res = await convertDbnToSession({ bytes }, { dataDir: tmp.dir, symbol: 'NVDA' });
    expect(res.dir).toContain('symbol=NVDA');
    expect(res.dir).toContain('date=2020-12-28');
    const meta = readSessionMeta(res.dir);
    expect(meta).toMatchObject({ source: 'databento', symbol: 'NVDA', date: '2020-12-28', version: 1 });
    expect(meta?.databento).toMatchObject({ dataset: 'XNAS.ITCH', records: 4, dbnVersion: 3 });
    const e = engineFor(res.dir);
    for (const r of file.records) {
      e.seekTime(Number(r.tsRecv / 1_000_000n));
      // Records sharing a millisecond: the book at that instant is the last of them.
      const last = file.records.filter((x) => x.tsRecv / 1_000_000n === r.tsRecv / 1_000_000n).at(-1);
      expect(bookOf(e)).toEqual(truth(last!.levels));
    }
    expect(e.book.anomalies).toBe(0);
  });

  it('a synthetic 3,000-record day: the replayed book equals the MBP-10 levels at sampled records, trades and quotes written', async () => {
    const t0 = BigInt(Date.UTC(2024, 2, 11, 13, 0, 0)) * 1_000_000n; // 09:00 EDT, the Monday after the switch
    const recs = syntheticMbp(7, 3000, t0).map((r, i) => ({ ...r, tsNs: t0 + BigInt(i) * 2_000_000n }));
    const bytes = syntheticDbn(XNAS(), recs);
    const res = await convertDbnToSession({ bytes }, { dataDir: tmp.dir, symbol: 'NVDA', request: { dataset: 'XNAS.ITCH', schema: 'mbp-10', start: 0, end: 1 } });
    expect(res.dir).toMatch(/date=2024-03-11[\\/]090000-[0-9a-f]{4}$/);
    const e = engineFor(res.dir);
    for (let i = 0; i < recs.length; i += 97) {
      e.seekTime(Number((recs[i].tsNs + 1000n) / 1_000_000n));
      expect(bookOf(e), `record ${i}`).toEqual(truth(recs[i].levels));
    }
    const meta = readSessionMeta(res.dir)!;
    expect(meta.counts.trades).toBe(recs.filter((r) => r.action === 'T').length);
    expect(meta.counts.quotes).toBeGreaterThan(100);
    const loaded = loadSession({ dataDir: tmp.dir, symbol: 'NVDA', date: '2024-03-11' });
    expect(loaded.trades.n).toBe(meta.counts.trades);
    expect(loaded.trades.price[0]).toBe(recs[3].price);
    expect(loaded.warnings).toEqual([]);
  });

  it('converting a file on disk lets the event loop run between chunks', async () => {
    const t0 = BigInt(Date.UTC(2024, 2, 11, 13, 0, 0)) * 1_000_000n;
    const path = join(tmp.dir, 'big.dbn');
    writeFileSync(path, syntheticDbn(XNAS(), syntheticMbp(11, 3000, t0))); // ~1.1 MB: ~17 chunks of 64 KB
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const res = await convertDbnToSession({ path }, { dataDir: tmp.dir, symbol: 'NVDA' });
    spinning = false;
    expect(res.records).toBe(3000);
    expect(turns).toBeGreaterThan(5);
  });

  it('importing the same data again replaces the session rather than adding one', async () => {
    const bytes = new Uint8Array(readFileSync(XNAS()));
    const a = await convertDbnToSession({ bytes }, { dataDir: tmp.dir, symbol: 'NVDA' });
    const b = await convertDbnToSession({ path: XNAS() }, { dataDir: tmp.dir, symbol: 'NVDA' });
    expect(b.dir).toBe(a.dir);
    expect(readSessionMeta(b.dir)?.sessionId).toBe(a.meta.sessionId);
    expect(listSessionDirs(tmp.dir)).toEqual([a.dir]);
  });

  it('a file without MBP-10 records is refused with the reason', async () => {
    await expect(convertDbnToSession({ path: fixture('databento', 'XNAS.ITCH_test_data.trades.dbn.zst') }, { dataDir: tmp.dir, symbol: 'NVDA' })).rejects.toThrow(/no MBP-10 records/);
    // Nothing left behind: no session, no half-built folder.
    expect(listSessionDirs(tmp.dir)).toEqual([]);
    expect(readdirSync(join(tmp.dir, 'recordings'))).toEqual([]);
  });
});
