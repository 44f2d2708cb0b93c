import { describe, expect, it } from 'vitest';
import { parseRtVolume, QuoteAssembler, rtVolumeTrade } from '../../../src-main/broker/rt-volume';

describe('parseRtVolume', () => {
  it('reads price, size, time in ms, day volume, vwap and the single-trade flag', () => {
    expect(parseRtVolume('187.25;300;1718978400123;1250000;186.9731;true')).toEqual({
      price: 187.25, size: 300, timeMs: 1718978400123, totalVolume: 1250000, vwap: 186.9731, singleTrade: true,
    });
    expect(parseRtVolume('10.5;1;1718978400000;10;10.5;false')?.singleTrade).toBe(false);
  });

  it('skips volume-only updates (empty price), zero sizes and malformed strings', () => {
    expect(parseRtVolume(';0;1718978400123;1250300;186.97;false')).toBeUndefined();
    expect(parseRtVolume('187.25;0;1718978400123;1250300;186.97;false')).toBeUndefined();
    expect(parseRtVolume('')).toBeUndefined();
    expect(parseRtVolume('abc;1;2')).toBeUndefined();
    expect(parseRtVolume('187.25;100;')).toBeUndefined();
  });

  it('tolerates missing trailing fields', () => {
    expect(parseRtVolume('5.01;200;1718978400999')).toMatchObject({ price: 5.01, size: 200, timeMs: 1718978400999, singleTrade: false });
    expect(parseRtVolume('5.01;200;1718978400999')?.vwap).toBeNaN();
  });

  it('becomes a TradeTick with the trade time as tsEvent', () => {
    const v = parseRtVolume('187.25;300;1718978400123;1250000;186.97;true')!;
    expect(rtVolumeTrade(v, 1718978400200)).toEqual({ tsEvent: 1718978400123, tsRecv: 1718978400200, price: 187.25, size: 300, exchange: '', conditions: '' });
  });
});

describe('QuoteAssembler', () => {
  it('reports a quote once both sides are known, and only real changes', () => {
    const q = new QuoteAssembler();
    expect(q.price(1, 100)).toBe(true);
    expect(q.tick(5)).toBeUndefined();
    expect(q.size(0, 300)).toBe(true);
    expect(q.price(2, 100.02)).toBe(true);
    expect(q.size(3, 200)).toBe(true);
    expect(q.tick(7)).toEqual({ tsEvent: 7, tsRecv: 7, bidPrice: 100, askPrice: 100.02, bidSize: 300, askSize: 200 });
    expect(q.price(1, 100)).toBe(false);
    expect(q.size(3, 200)).toBe(false);
    expect(q.price(4, 100.01)).toBe(false); // last: not a quote
    expect(q.size(8, 12345)).toBe(false); // volume
  });

  it('accepts delayed bid/ask ticks and drops a side IB reports as -1', () => {
    const q = new QuoteAssembler();
    q.price(66, 9.99);
    q.price(67, 10.01);
    q.size(69, 5);
    q.size(70, 6);
    expect(q.tick(1)).toMatchObject({ bidPrice: 9.99, askPrice: 10.01, bidSize: 5, askSize: 6 });
    expect(q.price(1, -1)).toBe(true);
    expect(q.tick(2)).toBeUndefined();
    q.reset();
    expect(q.tick(3)).toBeUndefined();
  });
});
