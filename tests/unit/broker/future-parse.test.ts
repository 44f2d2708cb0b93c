import { SecType } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { pickFrontFuture } from '../../../src-main/broker/contract-lookups';
import { futureContract, toIbContract, toInstrument, type IbContractDetails } from '../../../src-main/broker/parse';
import { futureRootFor } from '../../../src-shared/domain/futures';

const es = (conId: number, last: string, local: string): IbContractDetails => ({
  contract: { conId, symbol: 'ES', secType: SecType.FUT, lastTradeDateOrContractMonth: last, multiplier: 50, exchange: 'CME', currency: 'USD', localSymbol: local, tradingClass: 'ES' },
  minTick: 0.25,
  longName: 'E-mini S&P 500',
});

describe('futures from IB contract details', () => {
  it('queries a root by IB symbol, class and exchange (6E is EUR on CME)', () => {
    expect(futureContract(futureRootFor('6E'))).toEqual({ symbol: 'EUR', secType: SecType.FUT, exchange: 'CME', currency: 'USD', tradingClass: '6E' });
    expect(futureContract(futureRootFor('ES'), 'ESZ6')).toMatchObject({ localSymbol: 'ESZ6', tradingClass: 'ES' });
  });

  it('keys a future by local symbol with expiry, multiplier and tick, and sends it back by conId', () => {
    const i = toInstrument(es(11, '20261218 08:30 US/Central', 'ESZ6'))!;
    expect(i).toMatchObject({ symbol: 'ESZ6', secType: 'FUT', expiry: '20261218', multiplier: 50, minTick: 0.25, tradingClass: 'ES', exchange: 'CME' });
    expect(toIbContract(i)).toMatchObject({ conId: 11, symbol: 'ES', secType: SecType.FUT, exchange: 'CME', localSymbol: 'ESZ6', lastTradeDateOrContractMonth: '20261218' });
  });

  it('picks the nearest unexpired expiry whatever order IB lists them in', () => {
    const found = [es(3, '20270618', 'ESM7'), es(1, '20261218', 'ESZ6'), es(2, '20270319', 'ESH7')];
    expect(pickFrontFuture(found, '20261218', 'ES futures')).toMatchObject({ ok: true, value: { symbol: 'ESZ6' } });
    expect(pickFrontFuture(found, '20261221', 'ES futures')).toMatchObject({ ok: true, value: { symbol: 'ESH7' } });
    expect(pickFrontFuture(found, '20270701', 'ES futures')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Every listed ES futures contract has expired.' } });
  });
});
