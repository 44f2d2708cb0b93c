/** Order requests: place/modify, cancel, global cancel, open orders, executions, completed orders. */
import { IbErr, IbText } from '../../protocol/errors';
import { IbOut } from '../../protocol/ids';
import { decPlaceOrder } from '../../protocol/decode/place-order';
import { decCancelOrder, decReqExecutions, type IbExecutionFilter } from '../../protocol/decode/requests';
import { encCommissionReport, encCompletedOrder, encCompletedOrdersEnd, encExecution, encExecutionEnd, encOpenOrder, encOpenOrderEnd } from '../../protocol/encode/orders';
import { fmtEtDateTime, parseIbDateTime } from '../../protocol/time-format';
import type { IbContract, IbExecution, IbOrder } from '../../protocol/types';
import type { SimStock } from '../../market/types';
import type { SimRoutes } from '../router';
import type { SimSession } from '../session';
import { ibContractFor, resolveStock } from '../contracts';
import type { SimFill } from './engine';
import { inSession, nextSessionOpenText } from './order-time';
import { SUPPORTED_ORDER_TYPES, isDone } from './order-record';
import { sendOpenOrder, sendOrderStatus } from './messages';

function reject(s: SimSession, orderId: number, why: string): void {
  s.error(orderId, IbErr.ORDER_REJECTED, IbText.orderRejected(why));
}

/** IB-style validation; returns false after sending the error. */
function validate(s: SimSession, o: IbOrder): boolean {
  if (!SUPPORTED_ORDER_TYPES.has(o.orderType)) {
    s.error(o.orderId, IbErr.UNSUPPORTED_ORDER_TYPE, IbText.unsupportedOrderType);
    return false;
  }
  if (!['BUY', 'SELL', 'SSHORT'].includes(o.action)) return (reject(s, o.orderId, `Invalid action: ${o.action}`), false);
  if (!(o.totalQuantity > 0)) return (reject(s, o.orderId, 'The order quantity must be greater than zero.'), false);
  if ((o.orderType === 'LMT' || o.orderType === 'STP LMT') && o.lmtPrice === undefined) return (reject(s, o.orderId, 'The limit price is missing.'), false);
  if ((o.orderType === 'STP' || o.orderType === 'STP LMT') && o.auxPrice === undefined) return (reject(s, o.orderId, 'The stop price is missing.'), false);
  if (o.orderType === 'TRAIL' && (o.auxPrice === undefined) === (o.trailingPercent === undefined)) return (reject(s, o.orderId, 'A trailing stop needs either a trailing amount or a trailing percent.'), false);
  if (o.tif === 'GTD' && typeof parseIbDateTime(o.goodTillDate) !== 'number') return (reject(s, o.orderId, 'Good till date/time is missing or invalid for a GTD order.'), false);
  if (!['DAY', 'GTC', 'IOC', 'GTD', 'OPG'].includes(o.tif)) return (reject(s, o.orderId, `Invalid time in force: ${o.tif}`), false);
  if (!s.ctx.accounts.has(o.account)) return (reject(s, o.orderId, `Invalid account: ${o.account}`), false);
  return true;
}


/** US stocks: the contract's min tick from $1 up, $0.0001 below (Reg NMS sub-penny rule). */
export function offTick(price: number | undefined, minTick: number): boolean {
  if (price === undefined) return false;
  const tick = Math.abs(price) < 1 ? 0.0001 : minTick || 0.01;
  const steps = price / tick;
  return Math.abs(steps - Math.round(steps)) > 1e-6;
}

/** The prices IB checks against the tick grid: limit and stop; a TRAIL's auxPrice is an offset, not a price. */
function tickChecked(o: IbOrder): Array<number | undefined> {
  if (o.orderType === 'TRAIL') return [o.trailStopPrice];
  return [o.lmtPrice, o.auxPrice];
}

const sideOf = (action: string) => (action === 'BUY' ? 'BUY' : 'SELL');

/** Active orders of the account on this contract and side (IB allows 20). */
function activeOnSide(s: SimSession, o: IbOrder, conId: number): number {
  return s.ctx.orders.all().filter((r) => !isDone(r) && r.stock.conId === conId && r.order.account === o.account && sideOf(r.order.action) === sideOf(o.action)).length;
}

export const MAX_ORDERS_PER_SIDE = 20;

const etDay = (ms: number) => fmtEtDateTime(ms, false).slice(0, 8);

function execMatches(f: SimFill, filter: IbExecutionFilter): boolean {
  const e: IbExecution = f.exec;
  if (filter.clientId && e.clientId !== filter.clientId) return false;
  if (filter.acctCode && e.account !== filter.acctCode) return false;
  if (filter.symbol && f.contract.symbol !== filter.symbol.toUpperCase()) return false;
  if (filter.secType && f.contract.secType !== filter.secType.toUpperCase()) return false;
  if (filter.exchange && filter.exchange.toUpperCase() !== 'SMART' && e.exchange !== filter.exchange.toUpperCase()) return false;
  if (filter.side) {
    const side = filter.side.toUpperCase();
    if ((side === 'BUY' || side === 'BOT') && e.side !== 'BOT') return false;
    if ((side === 'SELL' || side === 'SLD' || side === 'SSHORT') && e.side !== 'SLD') return false;
  }
  if (filter.time) {
    const t = parseIbDateTime(filter.time.replace(/^(\d{8})\s+(\d{2}:\d{2}(:\d{2})?)$/, '$1 $2'));
    if (typeof t === 'number' && e.time < t) return false;
  }
  return true;
}

/** A new order id: faults, bracket parent, the per-side cap, then into the engine (399 outside its session). */
function placeNew(s: SimSession, o: IbOrder, contract: IbContract, stock: SimStock, held: boolean): void {
  const engine = s.ctx.orders;
  if (engine.isUsedId(s.clientId, o.orderId)) return s.error(o.orderId, IbErr.DUPLICATE_ORDER_ID, IbText.duplicateOrderId);
  if (o.parentId && engine.faults.beforeNextChild) {
    const drop = engine.faults.beforeNextChild;
    engine.faults.beforeNextChild = undefined;
    return drop();
  }
  if (engine.faults.rejectNext !== undefined) {
    const why = engine.faults.rejectNext;
    engine.faults.rejectNext = undefined;
    engine.markUsed(s.clientId, o.orderId);
    return reject(s, o.orderId, why);
  }
  if (o.parentId) {
    const parent = engine.get(s.clientId, o.parentId);
    if (!parent || parent.status === 'Cancelled') return reject(s, o.orderId, `Parent order ${o.parentId} not found.`);
  }
  if (activeOnSide(s, o, stock.conId) >= MAX_ORDERS_PER_SIDE) return reject(s, o.orderId, IbText.perSideCap);
  const rec = engine.add(o, contract, stock, held);
  const now = s.ctx.market.now();
  if (!rec.held && !inSession(now, o.outsideRth)) {
    const venue = `${stock.primaryExchange === 'NASDAQ' ? 'NASDAQ.NMS' : stock.primaryExchange}`;
    s.error(o.orderId, IbErr.ORDER_MESSAGE, IbText.notUntil(o.action, o.totalQuantity, stock.symbol, venue, nextSessionOpenText(now, o.outsideRth)));
  }
}

export function registerOrders(routes: SimRoutes): void {
  routes.set(IbOut.PLACE_ORDER, (s, r) => {
    const engine = s.ctx.orders;
    const req = decPlaceOrder(r, s.sv, s.clientId);
    const o = req.order;
    // A tap for tests: every placeOrder that reached the simulator, before any validation.
    s.ctx.events.emit('placeOrder', { clientId: s.clientId, orderId: o.orderId, orderRef: o.orderRef, symbol: req.contract.symbol, action: o.action, quantity: o.totalQuantity, orderType: o.orderType, transmit: !req.held });
    o.account = o.account || s.ctx.config.accounts[0];
    const stock = resolveStock(s.ctx.market, req.contract);
    if (!stock) return s.error(o.orderId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
    if (!validate(s, o)) return;
    if (!o.whatIf && tickChecked(o).some((p) => offTick(p, stock.minTick))) return s.error(o.orderId, IbErr.PRICE_TICK, IbText.priceTick);
    const contract = ibContractFor(stock, req.contract.exchange.toUpperCase() || 'SMART');
    if (o.whatIf) {
      engine.markUsed(s.clientId, o.orderId);
      const v = s.ctx.accounts.values(o.account);
      const price = o.lmtPrice ?? s.ctx.accounts.lastPrice(stock);
      const change = o.totalQuantity * price * 0.25;
      const commission = Math.max(1, Math.min(0.005 * o.totalQuantity, 0.01 * o.totalQuantity * price));
      s.send(
        encOpenOrder(s.sv, o, contract, {
          status: 'PreSubmitted', commissionCurrency: 'USD', warningText: '',
          initMarginBefore: v.initMargin, maintMarginBefore: v.maintMargin, equityWithLoanBefore: v.netLiquidation,
          initMarginChange: change, maintMarginChange: change, equityWithLoanChange: -commission,
          initMarginAfter: v.initMargin + change, maintMarginAfter: v.maintMargin + change, equityWithLoanAfter: v.netLiquidation - commission,
          commission, minCommission: commission, maxCommission: commission,
        }),
      );
      return;
    }
    const existing = engine.get(s.clientId, o.orderId);
    if (existing) {
      if (isDone(existing)) return s.error(o.orderId, IbErr.CANNOT_MODIFY_FILLED, IbText.cannotModifyFilled);
      engine.modify(existing, o, req.held);
      return;
    }
    placeNew(s, o, contract, stock, req.held);
  });

  routes.set(IbOut.CANCEL_ORDER, (s, r) => {
    const { orderId } = decCancelOrder(r, s.sv);
    const rec = s.ctx.orders.get(s.clientId, orderId);
    if (!rec) return s.error(orderId, IbErr.ORDER_NOT_FOUND, IbText.orderNotFound(orderId));
    if (isDone(rec)) return s.error(orderId, IbErr.ORDER_NOT_CANCELLABLE, IbText.orderNotCancellable(orderId, rec.status));
    s.ctx.orders.cancel(rec);
  });

  routes.set(IbOut.REQ_GLOBAL_CANCEL, (s) => s.ctx.orders.cancelAll());

  const replay = (s: SimSession, clientId?: number) => {
    for (const rec of s.ctx.orders.working(clientId)) {
      sendOpenOrder(s, rec);
      sendOrderStatus(s, rec);
    }
    s.send(encOpenOrderEnd());
  };
  routes.set(IbOut.REQ_OPEN_ORDERS, (s) => replay(s, s.clientId));
  routes.set(IbOut.REQ_ALL_OPEN_ORDERS, (s) => replay(s));
  routes.set(IbOut.REQ_AUTO_OPEN_ORDERS, (s) => {
    if (s.clientId !== 0) s.error(-1, IbErr.AUTO_BIND_NOT_MASTER, IbText.autoBindNotMaster);
  });
  routes.set(IbOut.REQ_COMPLETED_ORDERS, (s) => {
    for (const rec of s.ctx.orders.completed()) {
      s.send(encCompletedOrder(s.sv, rec.order, rec.contract, {
        status: rec.status, filled: rec.filled, completedTime: fmtEtDateTime(rec.completedAt ?? 0), completedStatus: rec.completedStatus ?? '',
      }));
    }
    s.send(encCompletedOrdersEnd());
  });

  routes.set(IbOut.REQ_EXECUTIONS, (s, r) => {
    const { reqId, filter } = decReqExecutions(r);
    // IB reports today's executions only (since midnight ET), to any client that asks, e.g. after a reconnect.
    const today = etDay(s.ctx.market.now());
    for (const f of s.ctx.orders.fills) {
      if (etDay(f.exec.time) !== today || !execMatches(f, filter)) continue;
      s.send(encExecution(s.sv, reqId, f.contract, f.exec, fmtEtDateTime(f.exec.time)));
      s.send(encCommissionReport(f.report));
    }
    s.send(encExecutionEnd(reqId));
  });
}
