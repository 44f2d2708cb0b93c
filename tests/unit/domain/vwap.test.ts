import { describe, expect, it } from 'vitest';
import { aggregateTrades } from '../../../src-shared/domain/bars';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { sessionVwap } from '../../../src-shared/domain/vwap';
import { hasFixtures } from '../../support/fixtures';
import { ibmTrades20131007, minuteRows } from './fixture-data';

const bar = (date: string, hh: number, mm: number, price: number, volume: number) => ({
  tsOpen: etToEpoch(date, hh, mm), open: price, high: price + 1, low: price - 1, close: price, volume,
});

describe('sessionVwap', () => {
  it('starts at the anchor, uses typical price without a bar vwap, and resets each session', () => {
    const bars = [bar('2013-10-07', 9, 0, 50, 100), bar('2013-10-07', 9, 30, 10, 100), bar('2013-10-07', 9, 31, 20, 300),
      bar('2013-10-08', 9, 30, 30, 10)];
    expect(sessionVwap(bars, '09:30')).toEqual([
      { tsOpen: bars[1].tsOpen, value: 10 },
      { tsOpen: bars[2].tsOpen, value: 17.5 },
      { tsOpen: bars[3].tsOpen, value: 30 },
    ]);
    expect(sessionVwap(bars, '04:00')[1].value).toBeCloseTo((5000 + 1000) / 200, 12);
  });
});

describe.skipIf(!hasFixtures)('VWAP on real data (fixtures)', () => {
  it('IBM 2013-10-07: VWAP of tick-built bars equals Σp·q/Σq of the ticks since the anchor', () => {
    const ticks = ibmTrades20131007();
    const bars = aggregateTrades(ticks, '1m');
    for (const [anchor, fromMs] of [['09:30', 570 * 60_000], ['04:00', 240 * 60_000]] as const) {
      const used = ticks.filter((t) => t.msOfDay >= fromMs);
      const expected = used.reduce((a, t) => a + t.price * t.size, 0) / used.reduce((a, t) => a + t.size, 0);
      const v = sessionVwap(bars, anchor);
      expect(v[v.length - 1].value).toBeCloseTo(expected, 9);
    }
  });

  it('SPY 2013-10-09: typical-price VWAP from the fixture bars', () => {
    const rows = minuteRows('SPY', '2013-10-09');
    const regular = rows.filter((r) => r.msOfDay >= 570 * 60_000);
    let pv = 0;
    let v = 0;
    for (const r of regular) {
      pv += ((r.high + r.low + r.close) / 3) * r.volume;
      v += r.volume;
    }
    const out = sessionVwap(rows, '09:30');
    expect(out).toHaveLength(regular.length);
    expect(out[out.length - 1].value).toBeCloseTo(pv / v, 9);
    expect(out[0].tsOpen).toBe(etToEpoch('2013-10-09', 9, 30));
  });
});
