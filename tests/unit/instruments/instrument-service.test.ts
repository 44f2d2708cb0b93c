import { describe, expect, it } from 'vitest';
import { describeInstrument, InstrumentService } from '../../../src-main/instruments/instrument-service';
import { createLogger } from '../../../src-main/platform/log';
import { err, ok } from '../../../src-shared/contract/result';
import type { Instrument } from '../../../src-shared/domain/instrument';

const aapl: Instrument = { symbol: 'AAPL', conId: 1, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01, longName: 'Apple Inc' };
const esz6: Instrument = { symbol: 'ESZ6', conId: 2, exchange: 'CME', primaryExchange: 'CME', currency: 'USD', minTick: 0.25, secType: 'FUT', expiry: '20261218', multiplier: 50, localSymbol: 'ESZ6', tradingClass: 'ES' };

function service() {
  const asked: string[] = [];
  const s = new InstrumentService({
    log: createLogger('test'),
    broker: {
      resolve: async (sym) => (asked.push(`resolve:${sym}`), sym === 'AAPL' ? ok(aapl) : sym === 'ESZ6' ? ok(esz6) : err('NOT_FOUND', `IB does not know the symbol ${sym}.`)),
      frontMonth: async (root) => (asked.push(`front:${root}`), root === 'ES' ? ok(esz6) : err('NOT_FOUND', `IB does not know ${root} futures.`)),
    },
  });
  return { s, asked };
}

describe('instrument service', () => {
  it('routes stocks, roots and contracts to the broker and describes what it found', async () => {
    const { s, asked } = service();
    expect(await s.resolve('aapl')).toEqual(ok({ ...aapl, description: 'Apple Inc' }));
    expect(await s.resolve('ES')).toEqual(ok({ ...esz6, description: 'E-mini S&P 500 · Dec 2026' }));
    expect(await s.resolve('/ES')).toMatchObject({ ok: true, value: { symbol: 'ESZ6' } });
    expect(await s.resolve('esz6')).toMatchObject({ ok: true, value: { symbol: 'ESZ6' } });
    expect(await s.resolve('$ES')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(asked).toEqual(['resolve:AAPL', 'front:ES', 'front:ES', 'resolve:ESZ6', 'resolve:ES']);
  });

  it('refuses what is neither a ticker nor a future without asking IB', async () => {
    const { s, asked } = service();
    expect(await s.resolve('9ABC')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(asked).toEqual([]);
  });

  it('names a future by root and month', () => {
    expect(describeInstrument({ ...esz6, tradingClass: '6E', expiry: '20260316' })).toBe('Euro FX · Mar 2026');
    expect(describeInstrument({ ...aapl, longName: undefined })).toBe('AAPL');
  });
});
