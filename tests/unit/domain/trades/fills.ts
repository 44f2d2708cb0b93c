import type { Fill } from '../../../../src-shared/domain/trades/fill';
import { etToEpoch } from '../../../../src-shared/domain/et-time';

let seq = 0;
/** A hand-built fill at an ET wall time ('09:31:05') on 2026-03-02 (a Monday) unless overridden. */
export function fill(side: 'BUY' | 'SELL', shares: number, price: number, hms: string, o: Partial<Fill> = {}): Fill {
  seq += 1;
  return {
    execId: `0000e0d5.${seq.toString(16).padStart(8, '0')}.01.01`, permId: 1, orderId: 1, orderRef: null, clientId: 0,
    account: 'DU1', conId: 265598, symbol: 'AAPL', secType: 'STK', side, shares, price, multiplier: 1,
    time: at(hms), exchange: 'ISLAND', commission: 1, currency: 'USD', ibRealizedPnl: null, source: 'import',
    ...o,
  };
}

export function at(hms: string, date = '2026-03-02'): number {
  const [h, m, s] = hms.split(':').map(Number);
  return etToEpoch(date, h, m, s ?? 0);
}
