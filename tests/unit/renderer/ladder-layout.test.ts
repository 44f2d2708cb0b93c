import { describe, expect, it } from 'vitest';
import { decimalsFor, insideTick, layoutLadder, scrollCenter } from '../../../src-renderer/src/features/ladder/ladder-layout';

const frame = {
  bids: [[10.0, 100, 1], [9.99, 200, 2], [9.97, 50, 1]] as [number, number, number][],
  asks: [[10.03, 300, 1], [10.04, 10, 1]] as [number, number, number][],
  trades: [{ ts: 900, price: 10.0, size: 5 }, { ts: 100, price: 10.03, size: 7 }],
  last: 10.0,
  minTick: 0.01,
};

describe('ladder layout', () => {
  it('centres on the mid of the inside', () => {
    expect(insideTick(frame)).toBe(1002); // (1000 + 1003) / 2 rounded
    expect(insideTick({ ...frame, bids: [], asks: [] })).toBe(1000);
    expect(insideTick({ ...frame, bids: [], asks: [], last: null })).toBeNull();
  });
  it('lays rows top-down with sizes, cumulative sizes and spread rows', () => {
    const l = layoutLadder(frame, 1001, 9, 1000, 3000);
    expect(l.rows.map((r) => r.tick)).toEqual([1005, 1004, 1003, 1002, 1001, 1000, 999, 998, 997]);
    const at = (k: number) => l.rows.find((r) => r.tick === k)!;
    expect(at(1003)).toMatchObject({ ask: 300, askCum: 300, isBestAsk: true, bid: 0 });
    expect(at(1004)).toMatchObject({ ask: 10, askCum: 310 });
    expect(at(1005).askCum).toBe(0); // beyond the deepest ask
    expect(at(1000)).toMatchObject({ bid: 100, bidCum: 100, isBestBid: true, isLast: true, tradeSize: 5 });
    expect(at(999).bidCum).toBe(300);
    expect(at(998)).toMatchObject({ bid: 0, bidCum: 300 });
    expect(at(997).bidCum).toBe(350);
    expect(at(1001).inSpread && at(1002).inSpread).toBe(true);
    expect(at(1001).bidCum + at(1001).askCum).toBe(0);
    expect(l.spreadTicks).toBe(3);
    expect(l.maxSize).toBe(300);
    expect(l.maxCum).toBe(350);
    expect(at(1000).tradeFade).toBeCloseTo(0.1 / 3);
  });
  it('drops prints older than the fade window', () => {
    const l = layoutLadder(frame, 1001, 9, 5000, 3000);
    expect(l.rows.every((r) => r.tradeSize === 0)).toBe(true);
  });
  it('scrolls and picks decimals', () => {
    expect(scrollCenter(null, 1000, 3)).toBe(1003);
    expect(scrollCenter(990, 1000, -1)).toBe(989);
    expect(scrollCenter(null, null, 1)).toBeNull();
    expect(decimalsFor(0.01)).toBe(2);
    expect(decimalsFor(0.0001)).toBe(4);
    expect(decimalsFor(0.05)).toBe(2);
  });
});
