import { describe, expect, it } from 'vitest';
import { analysisCsv, csvField, exportName, flatten } from '../../../../src-renderer/src/features/replay/analysis-export';
import type { ColumnCache, HeatColumn } from '../../../../src-renderer/src/features/replay/heatmap-columns';
import { groupCache, groupColumn, groupedCache, groupOf, priceOfRow, rowOfPrice, rowPosOfPrice } from '../../../../src-renderer/src/features/replay/price-grouping';
import { candles, thinToPixels, vwapSeries } from '../../../../src-renderer/src/features/replay/tape-series';
import { clampWindow, fitWindow, follow, isFit, MIN_SPAN_MS, panBy, wheelFactor, zoomAt } from '../../../../src-renderer/src/features/replay/time-window';

describe('time window (zoom, pan, fit, follow)', () => {
  const [S, E] = [1_000_000, 1_600_000]; // a 10-minute replay
  it('zooms around the anchor: the anchor keeps its place on screen', () => {
    const w = zoomAt(fitWindow(S, E), S + 150_000, 0.5, S, E);
    expect(w.t1 - w.t0).toBe(300_000);
    // The anchor was 25 % in from the left and still is.
    expect((S + 150_000 - w.t0) / (w.t1 - w.t0)).toBeCloseTo(0.25, 9);
    const back = zoomAt(w, S + 150_000, 2, S, E);
    expect(back).toEqual({ t0: S, t1: E });
    expect(isFit(back, S, E)).toBe(true);
  });
  it('never zooms in past the minimum span, nor out past the replay, nor leaves it', () => {
    let w = fitWindow(S, E);
    for (let i = 0; i < 50; i++) w = zoomAt(w, S + 300_000, 0.5, S, E);
    expect(w.t1 - w.t0).toBe(MIN_SPAN_MS);
    expect(w.t0).toBeGreaterThanOrEqual(S);
    for (let i = 0; i < 50; i++) w = zoomAt(w, S + 300_000, 3, S, E);
    expect(w).toEqual({ t0: S, t1: E });
    // A replay shorter than the minimum span is shown whole.
    expect(clampWindow({ t0: 0, t1: 10 }, 100, 600)).toEqual({ t0: 100, t1: 600 });
  });
  it('pans by a time delta, stopping at either end with the span kept', () => {
    const w = { t0: S + 100_000, t1: S + 200_000 };
    expect(panBy(w, 50_000, S, E)).toEqual({ t0: S + 150_000, t1: S + 250_000 });
    expect(panBy(w, -1e9, S, E)).toEqual({ t0: S, t1: S + 100_000 });
    expect(panBy(w, 1e9, S, E)).toEqual({ t0: E - 100_000, t1: E });
  });
  it('follows the playhead: unchanged while in view, shifted with a margin when it leaves', () => {
    const w = { t0: S + 100_000, t1: S + 200_000 };
    expect(follow(w, S + 150_000, S, E)).toBe(w);
    const ahead = follow(w, S + 250_000, S, E);
    expect(ahead.t1 - ahead.t0).toBe(100_000);
    expect(S + 250_000).toBeGreaterThan(ahead.t0);
    expect(S + 250_000).toBeLessThan(ahead.t1);
    expect(ahead.t1 - (S + 250_000)).toBeCloseTo(10_000, 6);
    const behind = follow(w, S + 20_000, S, E);
    expect(behind.t0).toBe(S + 10_000);
    expect(follow(w, E, S, E)).toEqual({ t0: E - 100_000, t1: E });
  });
  it('turns wheel deltas into zoom factors: down zooms out, up zooms in, one notch ≈ 1.25×', () => {
    expect(wheelFactor(100)).toBeCloseTo(1.25, 2);
    expect(wheelFactor(-100)).toBeCloseTo(0.8, 2);
    expect(wheelFactor(0)).toBe(1);
    expect(wheelFactor(1e6)).toBe(wheelFactor(500));
  });
});

const col = (lowTick: number, sizes: number[], bestBid: number | null, bestAsk: number | null): HeatColumn => ({ t: 0, lowTick, sizes: Float32Array.from(sizes), bestBid, bestAsk });

describe('price grouping', () => {
  it('sums N ticks per row (floor), keeping the recorded span and moving the quotes to their rows', () => {
    // ticks 9998..10004: bids 9998–10000, asks 10001–10004
    const g = groupColumn(col(9998, [1, 2, 3, 4, 5, 6, 7], 10000, 10001), 5);
    expect(g.lowTick).toBe(1999); // 9995–9999
    expect(Array.from(g.sizes)).toEqual([1 + 2, 3 + 4 + 5 + 6 + 7]);
    expect(g.bestBid).toBe(2000);
    expect(g.bestAsk).toBe(2000);
    expect(groupColumn(col(-3, [1, 1, 1], null, null), 2).lowTick).toBe(-2); // floor, also below zero
    const unknown = col(0, [], null, null);
    expect(groupColumn(unknown, 10)).toBe(unknown);
  });
  it('keeps the total size of every column whatever N', () => {
    const cache: ColumnCache = { t0: 0, sliceMs: 100, minTick: 0.01, seq: 9, columns: [col(17_003, [5, 0, 2, 9, 1, 4, 4, 8, 3, 1, 2, 6], 17_008, 17_009), col(0, [], null, null)] };
    for (const n of [1, 2, 5, 10, 25]) {
      const g = groupCache(cache, n);
      expect(g.columns.map((c) => c.sizes.reduce((a, b) => a + b, 0))).toEqual([45, 0]);
      expect(g.group ?? 1).toBe(n);
      expect(g.minTick).toBe(0.01);
    }
    expect(groupedCache(cache, 5)).toBe(groupedCache(cache, 5));
    expect(groupedCache(cache, 1)).toBe(cache);
  });
  it('maps prices to rows and back at N ticks per row', () => {
    const cache: ColumnCache = { t0: 0, sliceMs: 100, minTick: 0.01, seq: 0, columns: [], group: 5 };
    expect(rowOfPrice(cache, 100.04)).toBe(2000);
    expect(rowOfPrice(cache, 100.05)).toBe(2001);
    expect(priceOfRow(cache, 2001)).toBeCloseTo(100.05, 9);
    expect(groupOf(-1, 5)).toBe(-1);
    // A line at a tick sits inside that tick's row, and at the centre of a lone tick's row.
    expect(Math.floor(rowPosOfPrice(cache, 100.04))).toBe(2000);
    expect(rowPosOfPrice({ ...cache, group: 1 }, 100.04)).toBeCloseTo(10_004.5, 6);
  });
});

describe('VWAP and candles from the tape', () => {
  const tape = { ts: [0, 30_000, 59_999, 60_000, 185_000], price: [10, 12, 11, 13, 9], size: [100, 300, 0, 100, 500] };
  it('session VWAP is Σpq / Σq so far; size-0 prints do not move it', () => {
    const v = vwapSeries(tape);
    expect(v[0]).toBe(10);
    expect(v[1]).toBeCloseTo((1000 + 3600) / 400, 12);
    expect(v[2]).toBe(v[1]);
    expect(v[3]).toBeCloseTo((1000 + 3600 + 1300) / 500, 12);
    expect(v[4]).toBeCloseTo((1000 + 3600 + 1300 + 4500) / 1000, 12);
    expect(Number.isNaN(vwapSeries({ ts: [0], price: [5], size: [0] })[0])).toBe(true);
  });
  it('1-minute OHLCV on minute boundaries, minutes without prints left out', () => {
    expect(candles(tape)).toEqual([
      { t: 0, open: 10, high: 12, low: 10, close: 11, volume: 400 },
      { t: 60_000, open: 13, high: 13, low: 13, close: 13, volume: 100 },
      { t: 180_000, open: 9, high: 9, low: 9, close: 9, volume: 500 },
    ]);
    expect(candles({ ts: [], price: [], size: [] })).toEqual([]);
  });
  it('thins a series to one point per pixel column, starting from the value in force at the window start', () => {
    const ts = Array.from({ length: 1000 }, (_, i) => i * 10);
    const vals = ts.map((t) => t / 10);
    const pts = thinToPixels(ts, vals, 2000, 8000, 60);
    expect(pts.length).toBeLessThanOrEqual(62); // the anchor, then columns 0…60
    expect(pts[0]).toEqual([2000, 200]); // the print at 2000 itself, clamped to the left edge
    expect(pts.at(-1)).toEqual([8000, 800]);
    const before = thinToPixels([0, 5000], [1, 2], 1000, 4000, 10);
    expect(before).toEqual([[1000, 1]]);
  });
});

describe('analysis export', () => {
  it('flattens every leaf with dotted paths, array items by index', () => {
    expect(flatten({ a: 1, b: { c: [2, { d: 'x' }], e: null }, f: true, g: NaN })).toEqual([
      ['a', 1], ['b.c.0', 2], ['b.c.1.d', 'x'], ['b.e', null], ['f', true], ['g', null],
    ]);
  });
  it('writes RFC 4180 CSV: quotes fields with commas, quotes or line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    const csv = analysisCsv({ ofi: { beta: 0.5, source: 'Cont, Kukanov & Stoikov (2014)' }, quality: { reasons: ['gap 1', 'stale'] } });
    expect(csv).toBe('field,value\r\nofi.beta,0.5\r\nofi.source,"Cont, Kukanov & Stoikov (2014)"\r\nquality.reasons.0,gap 1\r\nquality.reasons.1,stale\r\n');
  });
  it('names files by symbol, date and what they hold', () => {
    expect(exportName('BRK B', '2026-11-30', 'analysis', 'csv')).toBe('BRK_B-2026-11-30-analysis.csv');
  });
});

describe('overlay picking', () => {
  it('draws every print of a narrow window, only the largest of a wide one (in time order)', async () => {
    const { bubbleIndexes } = await import('../../../../src-renderer/src/features/replay/tape-series');
    const tape = { ts: Float64Array.from([0, 10, 20, 30, 40]), size: Float64Array.from([5, 50, 1, 40, 9]) };
    expect(bubbleIndexes(tape, 10, 30)).toEqual([1, 2, 3]);
    expect(bubbleIndexes(tape, 0, 40, 2)).toEqual([1, 3]);
    expect(bubbleIndexes(tape, 41, 99)).toEqual([]);
  });
  it('finds the candles overlapping a window and their price range', async () => {
    const { visibleCandles } = await import('../../../../src-renderer/src/features/replay/tape-series');
    const bars = candles({ ts: [0, 60_000, 120_000, 180_000], price: [10, 14, 8, 11], size: [1, 1, 1, 1] });
    expect(visibleCandles(bars, { t0: 70_000, t1: 130_000 })).toEqual({ from: 1, to: 3, low: 8, high: 14 });
    expect(visibleCandles(bars, { t0: 240_001, t1: 300_000 })).toMatchObject({ from: 4, to: 4 });
  });
});

describe('ladder grouping', () => {
  it('snaps bids down and asks up to their group, prints and last down, and steps N ticks per row', async () => {
    const { groupLadderInput } = await import('../../../../src-renderer/src/features/replay/price-grouping');
    const { layoutLadder } = await import('../../../../src-renderer/src/features/ladder/ladder-layout');
    const f = {
      bids: [[11.19, 100, 1], [11.17, 50, 1], [11.14, 30, 1]] as Array<[number, number, number]>,
      asks: [[11.2, 10, 1], [11.21, 20, 1], [11.26, 5, 1]] as Array<[number, number, number]>,
      trades: [{ ts: 1, price: 11.18, size: 7 }],
      last: 11.19,
      minTick: 0.01,
    };
    const g = groupLadderInput(f, 5);
    expect(g.minTick).toBeCloseTo(0.05, 12);
    expect(g.bids.map((l) => Number(l[0].toFixed(2)))).toEqual([11.15, 11.15, 11.1]);
    expect(g.asks.map((l) => Number(l[0].toFixed(2)))).toEqual([11.2, 11.25, 11.3]);
    expect(Number(g.trades[0].price.toFixed(2))).toBe(11.15);
    expect(Number(g.last!.toFixed(2))).toBe(11.15);
    expect(groupLadderInput(f, 1)).toBe(f);
    // The ladder layout then sums the levels that share a row.
    const rows = layoutLadder(g, Math.round(11.2 / 0.05), 6, 1).rows;
    const at = (p: number) => rows.find((r) => Math.abs(r.price - p) < 1e-9)!;
    expect(at(11.15).bid).toBe(150);
    expect(at(11.25).ask).toBe(20);
    expect(at(11.2).ask).toBe(10);
  });
});
