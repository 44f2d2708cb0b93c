import { describe, expect, it } from 'vitest';
import { withExcursion } from '../../../../src-shared/domain/trades/excursion';
import { buildRoundTrips } from '../../../../src-shared/domain/trades/round-trips';
import { at, fill } from './fills';

describe('MAE / MFE', () => {
  it('from the tape: the worst and best open P&L while the trip was on, trades outside it ignored', () => {
    const [t] = buildRoundTrips([fill('BUY', 100, 10, '09:31:00'), fill('SELL', 100, 10.5, '09:35:00')]);
    const trades = [['09:30:30', 9], ['09:32:00', 9.8], ['09:33:00', 10.9], ['09:34:00', 10.2], ['09:36:00', 12]].map(([h, p]) => ({ time: at(h as string), price: p as number }));
    const e = withExcursion(t, { kind: 'tape', trades });
    expect([e.mae, e.mfe, e.excursionSource]).toEqual([-20, 90, 'tape']); // (9.80 − 10) × 100, (10.90 − 10) × 100
  });

  it('scaling in counts the added shares from the moment they were bought', () => {
    const [t] = buildRoundTrips([fill('BUY', 100, 10, '09:31:00'), fill('BUY', 100, 9.8, '09:32:10'), fill('SELL', 200, 10.1, '09:40:00')]);
    const trades = [['09:32:00', 9.8], ['09:33:00', 9.6], ['09:34:00', 10.9]].map(([h, p]) => ({ time: at(h as string), price: p as number }));
    const e = withExcursion(t, { kind: 'tape', trades });
    // cash −1980 after both buys: 200 × 9.60 − 1980 = −60; 200 × 10.90 − 1980 = 200
    expect([e.mae, e.mfe]).toEqual([-60, 200]);
  });

  it('from 1-minute bars it is an estimate, labelled so', () => {
    const [t] = buildRoundTrips([fill('BUY', 100, 10, '09:31:00'), fill('SELL', 100, 10.4, '09:33:30')]);
    const bars = [['09:30:00', 11, 9], ['09:31:00', 10.3, 9.7], ['09:32:00', 10.6, 10.0], ['09:33:00', 10.8, 10.1]].map(([h, hi, lo]) => ({ tsOpen: at(h as string), high: hi as number, low: lo as number }));
    const e = withExcursion(t, { kind: 'bars', barMs: 60_000, bars });
    expect([e.mae, e.mfe, e.excursionSource]).toEqual([-30, 80, 'bars']);
  });

  it('no path, no figures', () => {
    const [t] = buildRoundTrips([fill('BUY', 100, 10, '09:31:00'), fill('SELL', 100, 10.4, '09:33:30')]);
    expect(withExcursion(t, undefined)).toMatchObject({ mae: null, mfe: null, excursionSource: null });
    expect(withExcursion(t, { kind: 'tape', trades: [] }).mae).toBeNull();
  });
});
