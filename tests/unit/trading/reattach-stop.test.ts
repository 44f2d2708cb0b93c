import { describe, expect, it } from 'vitest';
import { reattachIntent } from '../../../src-main/trading/unprotected';

const long = { intentId: 'b1', symbol: 'WUN', side: 'SELL' as const, quantity: 100, stopPrice: 10.5 };
const short = { ...long, side: 'BUY' as const, stopPrice: 0.4512 };

describe('re-attaching a protective stop', () => {
  it('is a plain GTC stop in regular hours', () => {
    expect(reattachIntent(long, 'b1~stop1', 'regular', 0.5, 0.01)).toEqual({ intentId: 'b1~stop1', symbol: 'WUN', side: 'SELL', quantity: 100, stopPrice: 10.5, type: 'STP', tif: 'GTC' });
  });

  it('outside regular hours is a stop-limit with outsideRth, its limit a collar beyond the stop on the tick grid', () => {
    expect(reattachIntent(long, 'b1~stop1', 'premarket', 0.5, 0.01)).toMatchObject({ type: 'STP LMT', stopPrice: 10.5, limitPrice: 10.44, outsideRth: true, tif: 'GTC' });
    // A short's stop buys: the limit sits above it; under $1 the grid is $0.0001.
    expect(reattachIntent(short, 's~stop1', 'after', 0.5, 0.0001)).toMatchObject({ side: 'BUY', type: 'STP LMT', limitPrice: 0.4535, outsideRth: true });
  });
});
