import { describe, expect, it } from 'vitest';
import { Execution, execIdParts } from '../../../../src-shared/domain/trades/execution';

describe('execution', () => {
  it('splits an IB execId into its base and correction number', () => {
    expect(execIdParts('0000e0d5.6566d6ab.01.01')).toEqual({ base: '0000e0d5.6566d6ab.01', revision: 1 });
    expect(execIdParts('0000e0d5.6566d6ab.01.0a')).toEqual({ base: '0000e0d5.6566d6ab.01', revision: 10 });
    expect(execIdParts('plain')).toEqual({ base: 'plain', revision: 0 });
  });

  it('refuses a fill without shares or with a non-positive price', () => {
    const ok = { execId: 'e.1', permId: 1, orderId: 1, orderRef: null, clientId: 0, account: 'DU1', conId: 1, symbol: 'AAPL', secType: 'STK', side: 'BUY', shares: 10, price: 1, time: 0, exchange: null };
    expect(Execution.parse(ok).multiplier).toBe(1);
    expect(() => Execution.parse({ ...ok, shares: 0 })).toThrow();
    expect(() => Execution.parse({ ...ok, price: -1 })).toThrow();
  });
});
