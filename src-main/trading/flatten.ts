/**
 * Flatten-all: reqGlobalCancel, wait until no order of ours is working (so a bracket stop cannot fill beside the
 * closing order and flip the position), then one marketable limit per position. Works in any trading state.
 */
import type { FlattenResult, PositionRow } from '../../src-shared/contract/features/trading';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { RiskLimits } from '../../src-shared/domain/risk/limits';
import type { OrderPort, OrderSpec } from '../broker/order-port';
import { closingOrder } from './build-orders';
import type { OrderBook } from './order-book';
import type { TradingBroker } from './trading-service';

export interface FlattenDeps {
  orders: OrderPort;
  broker: TradingBroker;
  book: OrderBook;
  positions: () => PositionRow[];
  limits: RiskLimits;
  account: string | null;
  now: () => number;
  waitForQuote: (symbol: string) => Promise<void>;
  wait: (ms: number) => Promise<void>;
  placed: (spec: OrderSpec, ref: string) => void;
  cancelWaitMs?: number;
}

export async function flattenAll(d: FlattenDeps): Promise<Result<FlattenResult>> {
  if (!d.orders.ready()) return err('NOT_CONNECTED', 'not connected to IB: cannot flatten');
  const cancelled = d.book.working().length;
  d.orders.globalCancel();
  const deadline = Date.now() + (d.cancelWaitMs ?? 5000);
  while (d.book.working().some((r) => !r.external) && Date.now() < deadline) await d.wait(20);
  const closing: FlattenResult['closing'] = [];
  const skipped: string[] = [];
  for (const p of d.positions()) {
    if (p.position === 0) continue;
    const inst = await d.broker.resolve(p.symbol);
    if (!inst.ok) {
      skipped.push(`${p.symbol}: ${inst.error.message}`);
      continue;
    }
    d.orders.watchQuote(inst.value);
    await d.waitForQuote(p.symbol);
    const q = d.orders.quote(p.symbol);
    if (q?.bid === undefined || q.ask === undefined) {
      skipped.push(`${p.symbol}: no quote to price the closing order`);
      continue;
    }
    const ref = `flatten-${d.now()}-${p.symbol}`;
    const spec = closingOrder(inst.value, p.position, { bid: q.bid, ask: q.ask }, Math.max(d.limits.marketCollarPct, 1), d.orders.nextOrderId(), p.account || d.account || '', ref);
    d.placed(spec, ref);
    d.orders.placeOrder(spec);
    closing.push({ symbol: p.symbol, quantity: spec.quantity, side: spec.side, orderId: spec.orderId });
  }
  return ok({ cancelled, closing, skipped });
}
