/** Pure: an accepted intent → the IB orders it becomes (a bracket is parent + stop + target, OCA, transmit last). */
import type { Instrument } from '../../src-shared/domain/instrument';
import type { OrderIntent, Side } from '../../src-shared/domain/risk/intent';
import { collarPrice, stopLimitPrice } from '../../src-shared/domain/risk/prices';
import type { OrderRole } from '../../src-shared/contract/features/trading';
import type { OrderSpec } from '../broker/order-port';
import { isReattachedStopRef } from './order-role';

export interface BuiltOrder {
  role: OrderRole;
  spec: OrderSpec;
}

export interface BuildInput {
  intent: OrderIntent;
  instrument: Instrument;
  account: string;
  /** Allocates IB order ids in order. */
  nextId: () => number;
  quote: { bid: number; ask: number };
  collarPct: number;
}

const opposite = (s: Side): Side => (s === 'BUY' ? 'SELL' : 'BUY');

export function buildOrders(b: BuildInput): BuiltOrder[] {
  const i = b.intent;
  const base = { instrument: b.instrument, quantity: i.quantity, tif: i.tif, goodTillDate: i.goodTillDate, outsideRth: i.outsideRth ?? false, orderRef: i.intentId, account: b.account };
  // Market orders go out as marketable limits collared through the far touch.
  const entryType = i.type === 'MKT' ? 'LMT' : i.type;
  const limitPrice = i.type === 'MKT' ? collarPrice(i.side, b.quote.bid, b.quote.ask, b.collarPct, b.instrument.minTick) : i.limitPrice;
  const parentId = b.nextId();
  const entry: OrderSpec = {
    ...base, orderId: parentId, side: i.side, type: entryType, limitPrice, stopPrice: i.stopPrice, trailingPercent: i.trailingPercent,
    trailAmount: i.trailAmount, parentId: 0, transmit: !i.bracket,
  };
  if (!i.bracket) return [{ role: isReattachedStopRef(i.intentId) ? 'stop' : 'entry', spec: entry }];
  const oca = `tapedeck-${i.intentId}`;
  // Children carry the parent's TIF except IOC, which would cancel a resting exit at once.
  const exitTif = i.tif === 'IOC' ? 'DAY' : i.tif;
  const target: OrderSpec = { ...base, tif: exitTif, orderId: b.nextId(), side: opposite(i.side), type: 'LMT', limitPrice: i.bracket.targetPrice, parentId, ocaGroup: oca, transmit: false };
  // With outsideRth (extended hours) IB would not trigger a plain stop: the protective stop is a stop-limit then.
  const exitSide = opposite(i.side);
  const stopLimit = base.outsideRth ? { type: 'STP LMT' as const, limitPrice: stopLimitPrice(exitSide, i.bracket.stopPrice, b.collarPct, b.instrument.minTick) } : { type: 'STP' as const };
  const stop: OrderSpec = { ...base, tif: exitTif, orderId: b.nextId(), side: exitSide, ...stopLimit, stopPrice: i.bracket.stopPrice, parentId, ocaGroup: oca, transmit: true };
  return [{ role: 'entry', spec: entry }, { role: 'target', spec: target }, { role: 'stop', spec: stop }];
}

/** One marketable limit that closes a position (flatten-all): outsideRth so it works in extended hours too. */
export function closingOrder(instrument: Instrument, position: number, quote: { bid: number; ask: number }, collarPct: number, orderId: number, account: string, ref: string): OrderSpec {
  const side: Side = position > 0 ? 'SELL' : 'BUY';
  return {
    orderId, instrument, side, quantity: Math.abs(position), type: 'LMT', limitPrice: collarPrice(side, quote.bid, quote.ask, collarPct, instrument.minTick),
    tif: 'DAY', outsideRth: true, orderRef: ref, parentId: 0, transmit: true, account,
  };
}
