/** Turns order-engine changes into the messages TWS sends the client that owns the order. */
import type { IbOrderState } from '../../protocol/types';
import { encCommissionReport, encExecution, encOpenOrder, encOrderStatus } from '../../protocol/encode/orders';
import { fmtEtDateTime } from '../../protocol/time-format';
import type { SimContext } from '../context';
import type { SimSession } from '../session';
import type { SimOrderSink } from './engine';
import { type SimOrderRecord, remaining } from './order-record';
import { IbErr, IbText } from '../../protocol/errors';

export function orderState(rec: SimOrderRecord): IbOrderState {
  return { status: rec.status, commissionCurrency: '', warningText: '' };
}

export function sendOpenOrder(s: SimSession, rec: SimOrderRecord, state: IbOrderState = orderState(rec)): void {
  s.send(encOpenOrder(s.sv, rec.order, rec.contract, state));
}

export function sendOrderStatus(s: SimSession, rec: SimOrderRecord): void {
  s.send(encOrderStatus(s.sv, {
    orderId: rec.order.orderId, status: rec.status, filled: rec.filled, remaining: remaining(rec),
    avgFillPrice: rec.avgFillPrice, permId: rec.order.permId, parentId: rec.order.parentId, lastFillPrice: rec.lastFillPrice,
    clientId: rec.order.clientId, whyHeld: '',
  }));
}

export function createOrderSink(ctx: SimContext): SimOrderSink {
  const owner = (rec: SimOrderRecord) => ctx.byClientId.get(rec.order.clientId);
  return {
    orderChanged(rec, withOpenOrder) {
      const s = owner(rec);
      if (!s) return;
      if (withOpenOrder) sendOpenOrder(s, rec);
      sendOrderStatus(s, rec);
    },
    orderCancelled(rec, notify202) {
      const s = owner(rec);
      if (!s) return;
      sendOrderStatus(s, rec);
      if (notify202) s.error(rec.order.orderId, IbErr.ORDER_CANCELLED, IbText.orderCancelled);
    },
    executed(rec, exec, report) {
      const s = owner(rec);
      if (!s) return;
      s.send(encExecution(s.sv, -1, { ...rec.contract, exchange: exec.exchange }, exec, fmtEtDateTime(exec.time)));
      if (rec.status === 'Filled') sendOpenOrder(s, rec);
      sendOrderStatus(s, rec);
      // IB books the commission after the execution and its order status: one report per execId, last.
      s.send(encCommissionReport(report));
    },
  };
}
