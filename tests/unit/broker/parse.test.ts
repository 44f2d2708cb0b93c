import { describe, expect, it } from 'vitest';
import { parseIbTime, toIbUtc, zonedToEpoch } from '../../../src-main/broker/ib-time';
import { isHistoricalEnd, quoteFromPrice, quoteFromSize, quoteFromString, toBar, toDelta, toInstrument } from '../../../src-main/broker/parse';
import { ibScanCode, toIbScannerSubscription } from '../../../src-main/broker/scan-code';

describe('IB times', () => {
  it('reads formatDate=2 epoch seconds', () => {
    expect(parseIbTime('1696622399')).toBe(1696622399000);
  });

  it('reads "yyyyMMdd HH:mm:ss TZ" in the named zone, with one or two spaces', () => {
    // 2026-04-02 09:30 EDT = 13:30 UTC
    expect(parseIbTime('20260402 09:30:00 US/Eastern')).toBe(Date.UTC(2026, 3, 2, 13, 30));
    expect(parseIbTime('20260402 09:30:00 America/New_York')).toBe(Date.UTC(2026, 3, 2, 13, 30));
    expect(parseIbTime('20260405  11:59:55')).toBe(Date.UTC(2026, 3, 5, 15, 59, 55));
    expect(parseIbTime('20260105 09:30:00 US/Eastern')).toBe(Date.UTC(2026, 0, 5, 14, 30)); // EST
    expect(parseIbTime('20260402 15:30:00 Europe/Berlin')).toBe(Date.UTC(2026, 3, 2, 13, 30));
  });

  it('puts daily bars at 00:00 ET of the date', () => {
    expect(parseIbTime('20260402')).toBe(Date.UTC(2026, 3, 2, 4, 0));
    expect(parseIbTime('20260115')).toBe(Date.UTC(2026, 0, 15, 5, 0));
  });

  it('handles DST switch days and the UTC form', () => {
    expect(zonedToEpoch(2026, 3, 8, 12, 0, 0)).toBe(Date.UTC(2026, 2, 8, 16, 0)); // after spring-forward
    expect(parseIbTime('20260402-13:30:00')).toBe(Date.UTC(2026, 3, 2, 13, 30));
    expect(toIbUtc(Date.UTC(2026, 3, 2, 13, 30, 5))).toBe('20260402-13:30:05');
    expect(parseIbTime('garbage')).toBeUndefined();
  });
});

describe('parse', () => {
  it('builds bars and skips the "finished" row', () => {
    expect(isHistoricalEnd('finished-20260402-20260403')).toBe(true);
    expect(toBar('1775136600', 10, 11, 9, 10.5, 1200, 30, 10.2)).toEqual({ tsOpen: 1775136600000, open: 10, high: 11, low: 9, close: 10.5, volume: 1200, vwap: 10.2, count: 30 });
    expect(toBar('20260402', 1, 2, 0.5, 1.5, -1, undefined, -1)).toEqual({ tsOpen: Date.UTC(2026, 3, 2, 4), open: 1, high: 2, low: 0.5, close: 1.5, volume: 0 });
    expect(toBar('nope', 1, 1, 1, 1, 1)).toBeUndefined();
  });

  it('turns contract details into an Instrument, or nothing without a conId', () => {
    const d = { contract: { symbol: 'AAPL', conId: 265598, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' }, minTick: 0.01, longName: 'APPLE INC' };
    expect(toInstrument(d)).toEqual({ symbol: 'AAPL', conId: 265598, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'APPLE INC' });
    expect(toInstrument({ contract: { symbol: 'AAPL' } })).toBeUndefined();
  });

  it('validates depth rows', () => {
    expect(toDelta(5, 0, 0, 1, 10, 100, 'ARCA', true)).toEqual({ tsRecv: 5, position: 0, operation: 0, side: 1, price: 10, size: 100, marketMaker: 'ARCA', isSmart: true });
    expect(toDelta(5, -1, 0, 1, 10, 100)).toBeUndefined();
    expect(toDelta(5, 0, 3, 1, 10, 100)).toBeUndefined();
    expect(toDelta(5, 0, 0, 2, 10, 100)).toBeUndefined();
  });

  it('maps live and delayed ticks to quote fields', () => {
    expect(quoteFromPrice(1, 10.01)).toEqual({ bid: 10.01 });
    expect(quoteFromPrice(68, 10)).toEqual({ last: 10 });
    expect(quoteFromPrice(1, -1)).toBeUndefined();
    expect(quoteFromSize(8, 12345)).toEqual({ volume: 12345 });
    expect(quoteFromSize(0, 300)).toEqual({ bidSize: 300 });
    expect(quoteFromString(45, '1775136600')).toEqual({ lastTime: 1775136600000 });
  });

  it('scan codes go out as the numeric enum', () => {
    expect(ibScanCode('TOP_PERC_GAIN')).toBe(0);
    expect(ibScanCode('most_active')).toBe(2);
    expect(ibScanCode('NOT_A_SCAN')).toBeUndefined();
    expect(toIbScannerSubscription({ scanCode: 'MOST_ACTIVE', rows: 80, priceAbove: 1 })).toMatchObject({ scanCode: 2, numberOfRows: 50, abovePrice: 1, instrument: 'STK', locationCode: 'STK.US.MAJOR' });
  });
});
