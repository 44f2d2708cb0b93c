/** Pure translation between IB's order shapes and the domain's (tested without a socket). */
import { OrderAction, OrderType as IbOrderType, SecType, TimeInForce, type Contract, type Execution as IbExecution, type Order, type OrderState } from '@stoqey/ib';
import type { CommissionReport, Execution } from '../../src-shared/domain/trades/execution';
import { parseIbTime } from './ib-time';
import type { BrokerCompletedOrder, BrokerOpenOrder, OrderSpec } from './order-port';
import { toIbContract } from './parse';

const IB_TYPES: Record<OrderSpec['type'], IbOrderType> = {
  MKT: IbOrderType.MKT, LMT: IbOrderType.LMT, STP: IbOrderType.STP, 'STP LMT': IbOrderType.STP_LMT, TRAIL: IbOrderType.TRAIL,
};

/** The IB order for a spec. `transmit` is always explicit: undefined goes out as "" which TWS treats as held. */
export function toIbOrder(s: OrderSpec): { contract: Contract; order: Order } {
  const order: Order = {
    orderId: s.orderId,
    action: s.side === 'BUY' ? OrderAction.BUY : OrderAction.SELL,
    totalQuantity: s.quantity,
    orderType: IB_TYPES[s.type],
    tif: s.tif as TimeInForce,
    outsideRth: s.outsideRth,
    orderRef: s.orderRef,
    parentId: s.parentId,
    transmit: s.transmit,
    account: s.account,
  };
  if (s.limitPrice !== undefined) order.lmtPrice = s.limitPrice;
  if (s.type === 'TRAIL') {
    if (s.trailingPercent !== undefined) order.trailingPercent = s.trailingPercent;
    if (s.trailAmount !== undefined) order.auxPrice = s.trailAmount;
    if (s.stopPrice !== undefined) order.trailStopPrice = s.stopPrice;
  } else if (s.stopPrice !== undefined) order.auxPrice = s.stopPrice;
  // Intents carry ET wall time without a zone; IB reads a zoneless time in TWS's login zone, so name ET.
  if (s.goodTillDate) order.goodTillDate = /\s\S*[A-Za-z]\S*$/.test(s.goodTillDate) ? s.goodTillDate : `${s.goodTillDate} US/Eastern`;
  if (s.ocaGroup) {
    order.ocaGroup = s.ocaGroup;
    order.ocaType = 1; // cancel the rest of the group with block
  }
  return { contract: toIbContract(s.instrument), order };
}

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) || Math.abs(v) > 1e300 ? null : v);

export function fromIbOpenOrder(orderId: number, c: Contract, o: Order, st: OrderState): BrokerOpenOrder {
  return {
    orderId, clientId: o.clientId ?? 0, permId: o.permId ?? 0, parentId: o.parentId ?? 0, orderRef: o.orderRef ? o.orderRef : null,
    symbol: (c.symbol ?? '').toUpperCase(), conId: c.conId ?? 0, side: o.action === OrderAction.BUY ? 'BUY' : 'SELL',
    quantity: Number(o.totalQuantity ?? 0), type: String(o.orderType ?? ''), limitPrice: finite(o.lmtPrice), stopPrice: finite(o.auxPrice),
    tif: String(o.tif ?? ''), account: o.account ?? '', status: String(st.status ?? ''),
  };
}

export function fromIbCompletedOrder(c: Contract, o: Order, st: OrderState & { completedStatus?: string; completedTime?: string }): BrokerCompletedOrder {
  return {
    permId: o.permId ?? 0, orderRef: o.orderRef ? o.orderRef : null, symbol: (c.symbol ?? '').toUpperCase(), side: o.action === OrderAction.BUY ? 'BUY' : 'SELL',
    quantity: Number(o.totalQuantity ?? 0), type: String(o.orderType ?? ''), limitPrice: finite(o.lmtPrice), stopPrice: finite(o.auxPrice),
    status: String(st.status ?? ''), filled: finite(Number(o.filledQuantity ?? 0)) ?? 0, completedStatus: st.completedStatus ?? '', completedTime: st.completedTime ?? '',
  };
}

export function fromIbExecution(c: Contract, e: IbExecution, now: number): Execution | undefined {
  if (!e.execId || !(Number(e.shares) > 0) || !(Number(e.price) > 0)) return undefined;
  return {
    execId: e.execId, permId: e.permId ?? null, orderId: e.orderId ?? null, orderRef: e.orderRef ? e.orderRef : null, clientId: e.clientId ?? null,
    account: e.acctNumber ?? '', conId: c.conId ?? null, symbol: (c.symbol ?? '').toUpperCase(), secType: String(c.secType ?? SecType.STK),
    side: e.side === 'BOT' ? 'BUY' : 'SELL', shares: Number(e.shares), price: Number(e.price), multiplier: Number(c.multiplier) > 0 ? Number(c.multiplier) : 1,
    time: (e.time && parseIbTime(e.time)) || now, exchange: e.exchange ?? null,
  };
}

export function fromIbCommission(r: { execId?: string; commission?: number; currency?: string; realizedPNL?: number }): CommissionReport | undefined {
  if (!r.execId) return undefined;
  return { execId: r.execId, commission: finite(r.commission) ?? 0, currency: r.currency ?? 'USD', realizedPnl: finite(r.realizedPNL) };
}
