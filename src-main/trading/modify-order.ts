/** Modify = re-place a working order of ours with the same id, after the checks a modify needs. */
import type { ModifyRequest, OrderRow } from '../../src-shared/contract/features/trading';
import { err, type Result } from '../../src-shared/contract/result';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { RiskLimits } from '../../src-shared/domain/risk/limits';
import { onTickGrid } from '../../src-shared/domain/risk/prices';
import type { TradingState } from '../../src-shared/domain/trading/state-machine';
import type { OrderSpec, TradingQuote } from '../broker/order-port';

export interface ModifyContext {
  row: OrderRow | undefined;
  instrument: Instrument | undefined;
  state: TradingState;
  linkLost: boolean;
  inFlight: boolean;
  quote: TradingQuote | undefined;
  limits: RiskLimits;
  account: string;
  /** The order's outside-RTH flag as its intent set it: a modify re-sends the whole order and must keep it. */
  outsideRth: boolean;
}

/** The order spec to re-send, or why not. Never during 1100, never while a modify of it is in flight. */
export function modifySpec(req: ModifyRequest, c: ModifyContext): Result<OrderSpec> {
  const row = c.row;
  if (!row || row.external || !c.instrument) return err('NOT_FOUND', `order ${req.orderId} is not one of ours`);
  if (!row.working) return err('INVALID_INPUT', `order ${req.orderId} is ${row.status}`);
  if (c.linkLost) return err('RISK_REJECTED', 'modify: TWS lost its connection to IB (1100): no modifies until it is back');
  if (c.inFlight) return err('RISK_REJECTED', `modify: a modify of order ${req.orderId} is still in flight`);
  if (c.state !== 'armed' && c.state !== 'reducing') return err('RISK_REJECTED', `state: trading is ${c.state}`);
  const limitPrice = req.limitPrice ?? row.limitPrice ?? undefined;
  const stopPrice = req.stopPrice ?? row.stopPrice ?? undefined;
  const quantity = req.quantity ?? row.quantity;
  if (!Number.isInteger(quantity) || quantity > c.limits.maxShares) return err('RISK_REJECTED', `quantity: ${quantity} is fractional or exceeds max shares ${c.limits.maxShares}`);
  const q = c.quote;
  const mid = q?.bid !== undefined && q.ask !== undefined ? (q.bid + q.ask) / 2 : undefined;
  for (const p of [limitPrice, stopPrice]) {
    if (p === undefined) continue;
    if (!onTickGrid(p, c.instrument.minTick)) return err('RISK_REJECTED', `tick-size: ${p} is off the tick grid`);
    if (mid === undefined || Math.abs(p - mid) > (mid * c.limits.priceBandPct) / 100) return err('RISK_REJECTED', `price-band: ${p} is more than ${c.limits.priceBandPct}% from the NBBO mid`);
  }
  return {
    ok: true,
    value: {
      orderId: row.orderId, instrument: c.instrument, side: row.side, quantity, type: row.type as OrderSpec['type'], limitPrice, stopPrice, tif: row.tif as OrderSpec['tif'],
      outsideRth: c.outsideRth, orderRef: row.orderRef ?? '', parentId: row.parentId, transmit: true, account: c.account,
    },
  };
}
