import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../src-shared/contract/features/trading';
import { DEFAULT_RISK_LIMITS } from '../../../src-shared/domain/risk/limits';
import { modifySpec, type ModifyContext } from '../../../src-main/trading/modify-order';

const row: OrderRow = {
  orderId: 12, clientId: 1, permId: 120, parentId: 0, orderRef: 'intent-9', role: 'entry', symbol: 'AAPL', side: 'BUY', quantity: 100,
  type: 'LMT', limitPrice: 10, stopPrice: null, tif: 'DAY', status: 'Submitted', filled: 0, remaining: 100, avgFillPrice: null,
  external: false, working: true, updatedAt: 0,
};
const ctx = (over: Partial<ModifyContext> = {}): ModifyContext => ({
  row, instrument: { symbol: 'AAPL', conId: 265598, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 },
  state: 'armed', linkLost: false, inFlight: false, quote: { bid: 10, ask: 10.02, ts: 0 }, limits: DEFAULT_RISK_LIMITS, account: 'DU1',
  outsideRth: true, ...over,
});

describe('modifySpec', () => {
  it('re-sends the order with the new price and keeps its outside-RTH flag (a premarket order stays fillable premarket)', () => {
    const r = modifySpec({ orderId: 12, limitPrice: 10.01 }, ctx());
    expect(r.ok && r.value).toMatchObject({ orderId: 12, limitPrice: 10.01, quantity: 100, outsideRth: true, orderRef: 'intent-9' });
    const regular = modifySpec({ orderId: 12, limitPrice: 10.01 }, ctx({ outsideRth: false }));
    expect(regular.ok && regular.value.outsideRth).toBe(false);
  });

  it('refuses during 1100, while a modify is in flight, off the tick grid and outside the price band', () => {
    expect(modifySpec({ orderId: 12, limitPrice: 10.01 }, ctx({ linkLost: true })).ok).toBe(false);
    expect(modifySpec({ orderId: 12, limitPrice: 10.01 }, ctx({ inFlight: true })).ok).toBe(false);
    expect(modifySpec({ orderId: 12, limitPrice: 10.005 }, ctx()).ok).toBe(false);
    expect(modifySpec({ orderId: 12, limitPrice: 12 }, ctx()).ok).toBe(false);
  });
});
