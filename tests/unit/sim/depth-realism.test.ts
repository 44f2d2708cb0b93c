import { afterEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { createUniverse } from '../../../src-main/sim/market/universe';
import type { SimDepthOp, SimMarket } from '../../../src-main/sim/market/types';
import { at, manualMarket } from './market-helpers';

const markets: SimMarket[] = [];
afterEach(() => markets.splice(0).forEach((m) => m.dispose()));

const SEED = 42;
const universe = createUniverse(SEED);

/** The gapper with the most shares traded so far: the name a trader would have on the ladder. */
function hottestGapper(market: SimMarket): number {
  const gappers = universe.filter((m) => m.isGapper).map((m) => m.stock.conId);
  return gappers.reduce((a, b) => (market.quote(b).volume > market.quote(a).volume ? b : a));
}

/** An ordinary thinly traded small cap. */
const quietName = (): number =>
  universe
    .filter((m) => !m.isGapper && m.stock.prevClose > 2 && m.stock.prevClose < 30)
    .reduce((a, b) => (b.stock.avgDailyVolume < a.stock.avgDailyVolume ? b : a)).stock.conId;

/** Subscribes both views, checks trades and quotes against the book as they stream, samples depth each second. */
function watch(market: SimMarket, conId: number) {
  const smart = new OrderBook(1000);
  const snap = market.book(conId, 1000, true);
  for (const op of [...snap.bids, ...snap.asks]) smart.apply(op);
  const ops: SimDepthOp[] = [];
  const problems: string[] = [];
  const offs = [
    market.onDepth(conId, true, (op) => (ops.push(op), smart.apply(op))),
    market.onDepth(conId, false, () => undefined),
    market.onTrade(conId, (t) => {
      if (t.price !== smart.bestBid()?.price && t.price !== smart.bestAsk()?.price) problems.push(`trade ${t.price} off the inside`);
    }),
    market.onQuote(conId, (q) => {
      const agg = smart.aggregated(1);
      if (q.bid !== agg.bids[0]?.[0] || q.ask !== agg.asks[0]?.[0] || q.bidSize !== agg.bids[0]?.[1]) problems.push('quote off the book');
    }),
  ];
  return { smart, ops, problems, off: () => offs.forEach((f) => f()) };
}

describe('realistic Level 2', () => {
  it('keeps a hot gapper 10+ levels deep per side, several makers a level, lots growing away from the inside', () => {
    const { market, advance } = manualMarket({ seed: SEED, startTime: at(9, 15) });
    markets.push(market);
    const conId = hottestGapper(market);
    const w = watch(market, conId);
    let deep = 0;
    let fullRows = 0;
    const near: number[] = [];
    const out: number[] = [];
    for (let s = 0; s < 60; s++) {
      advance(1_000, [conId]);
      const agg = w.smart.aggregated(100);
      if (agg.bids.length >= 10 && agg.asks.length >= 10) deep++;
      const plain = market.book(conId, 10, false);
      if (plain.bids.length === 10 && plain.asks.length === 10) fullRows++;
      near.push(...agg.bids.slice(0, 2).map(([, q]) => q));
      out.push(...agg.bids.slice(5, 10).map(([, q]) => q));
    }
    w.off();
    expect(w.problems.slice(0, 5)).toEqual([]);
    expect(w.smart.anomalies).toBe(0);
    expect(deep).toBeGreaterThanOrEqual(54);
    expect(fullRows).toBeGreaterThanOrEqual(54);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    expect(median(out)).toBeGreaterThan(median(near));
    const rows = [...w.smart.bids(), ...w.smart.asks()];
    const makers = new Map<number, number>();
    for (const r of rows) makers.set(r.price, (makers.get(r.price) ?? 0) + 1);
    expect(Math.max(...makers.values())).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.size % 100 === 0).length / rows.length).toBeGreaterThan(0.75);
  });

  it('scales depth activity with trading intensity: a hot gapper tens to hundreds of ops/s, a quiet name a few', () => {
    const { market, advance } = manualMarket({ seed: SEED, startTime: at(9, 15) });
    markets.push(market);
    const ids = [hottestGapper(market), quietName()];
    const [hot, quiet] = ids.map((id) => watch(market, id));
    advance(60_000, ids);
    hot.off();
    quiet.off();
    const hotRate = hot.ops.length / 60;
    const quietRate = quiet.ops.length / 60;
    expect(hotRate).toBeGreaterThan(50);
    expect(hotRate).toBeLessThan(300);
    expect(quietRate).toBeGreaterThan(0.3);
    expect(quietRate).toBeLessThan(10);
  });

  it('is deterministic: same seed and start, same ops; another seed, another book', () => {
    const run = (seed: number) => {
      const { market, advance } = manualMarket({ seed, startTime: at(9, 40) });
      markets.push(market);
      const conId = market.bySymbol('AMD')!.conId;
      const ops: SimDepthOp[] = [];
      const off = market.onDepth(conId, true, (op) => ops.push(op));
      advance(10_000, [conId]);
      off();
      return { snap: market.book(conId, 20, true), ops };
    };
    const a = run(SEED);
    const b = run(SEED);
    expect(a.ops.length).toBeGreaterThan(100);
    expect(b.ops).toEqual(a.ops);
    expect(b.snap).toEqual(a.snap);
    expect(run(SEED + 1).ops).not.toEqual(a.ops);
  });
});
