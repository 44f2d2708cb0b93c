import { describe, expect, it } from 'vitest';
import { Symbol } from '../../../src-shared/domain/brand';
import { futureRootFor, parseInstrumentQuery, pickFrontMonth, rootOfLocalSymbol } from '../../../src-shared/domain/futures';
import { Instrument } from '../../../src-shared/domain/instrument';

describe('symbol box queries', () => {
  it('reads stocks, roots, forced stocks and contracts', () => {
    expect(parseInstrumentQuery('aapl')).toEqual({ kind: 'stock', symbol: 'AAPL' });
    expect(parseInstrumentQuery(' BRK B ')).toEqual({ kind: 'stock', symbol: 'BRK B' });
    expect(parseInstrumentQuery('ES')).toEqual({ kind: 'future', root: 'ES' });
    expect(parseInstrumentQuery('/nq')).toEqual({ kind: 'future', root: 'NQ' });
    expect(parseInstrumentQuery('GC!')).toEqual({ kind: 'future', root: 'GC' });
    expect(parseInstrumentQuery('6e')).toEqual({ kind: 'future', root: '6E' });
    expect(parseInstrumentQuery('$ES')).toEqual({ kind: 'stock', symbol: 'ES' });
    expect(parseInstrumentQuery('ESZ6')).toEqual({ kind: 'contract', localSymbol: 'ESZ6' });
    expect(parseInstrumentQuery('6EH27')).toEqual({ kind: 'contract', localSymbol: '6EH27' });
    // An unknown root only as an explicit future; a digit-first word is no ticker.
    expect(parseInstrumentQuery('/ZQ')).toEqual({ kind: 'future', root: 'ZQ' });
    expect(parseInstrumentQuery('9ABC')).toBeUndefined();
    expect(parseInstrumentQuery('/')).toBeUndefined();
    expect(parseInstrumentQuery('')).toBeUndefined();
  });

  it('knows a local symbol only for a listed root, so stock tickers are never read as futures', () => {
    expect(rootOfLocalSymbol('ESZ6')).toBe('ES');
    expect(rootOfLocalSymbol('MESH7')).toBe('MES');
    expect(rootOfLocalSymbol('6EM26')).toBe('6E');
    expect(rootOfLocalSymbol('AAPL')).toBeUndefined();
    expect(rootOfLocalSymbol('XYZZ6')).toBeUndefined();
    expect(futureRootFor('6e')).toMatchObject({ ibSymbol: 'EUR', exchange: 'CME' });
    expect(futureRootFor('gc')).toMatchObject({ ibSymbol: 'GC', exchange: 'COMEX' });
    expect(futureRootFor('zq')).toMatchObject({ ibSymbol: 'ZQ', exchange: '' });
  });
});

describe('front month', () => {
  const listed = [{ lastTrade: '20270319' }, { lastTrade: '20261218' }, { lastTrade: '20270618' }, { lastTrade: '20260918' }];
  it('is the nearest last trade date not yet passed, the last trade day included', () => {
    expect(pickFrontMonth(listed, '20261102')?.lastTrade).toBe('20261218');
    expect(pickFrontMonth(listed, '20261218')?.lastTrade).toBe('20261218');
    expect(pickFrontMonth(listed, '20261219')?.lastTrade).toBe('20270319');
    expect(pickFrontMonth(listed, '20270619')).toBeUndefined();
  });
  it('counts a month-only entry until its month ends and skips garbage', () => {
    expect(pickFrontMonth([{ lastTrade: '202612' }, { lastTrade: 'soon' }], '20261231')?.lastTrade).toBe('202612');
    expect(pickFrontMonth([{ lastTrade: '202612' }], '20270101')).toBeUndefined();
  });
});

describe('the instrument shapes stay compatible', () => {
  it('accepts futures keys and the old stock instrument unchanged', () => {
    expect(Symbol.parse('6ez6')).toBe('6EZ6');
    expect(Symbol.parse('brk b')).toBe('BRK B');
    expect(Symbol.safeParse('123').success).toBe(false);
    const stock = { symbol: 'AAPL', conId: 265598, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 };
    expect(Instrument.parse(stock)).toEqual(stock);
    const es = { ...stock, symbol: 'ESZ6', conId: 1, exchange: 'CME', secType: 'FUT', expiry: '20261218', multiplier: 50, localSymbol: 'ESZ6', tradingClass: 'ES', minTick: 0.25 };
    expect(Instrument.parse(es)).toEqual(es);
  });
});
