import { OrderAction, OrderType } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { fromIbCommission, fromIbExecution, toIbOrder } from '../../../src-main/broker/ib-order-parse';
import { buildOrders } from '../../../src-main/trading/build-orders';
import type { Instrument } from '../../../src-shared/domain/instrument';

const aapl: Instrument = { symbol: 'AAPL', conId: 265598, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 };

describe('intent → IB orders', () => {
  it('a bracket is parent + target + stop, OCA children, transmit only on the last, orderRef = intent id', () => {
    let id = 40;
    const built = buildOrders({
      intent: { intentId: 'b1', symbol: 'AAPL', side: 'BUY', quantity: 100, type: 'LMT', limitPrice: 193.5, tif: 'IOC', bracket: { stopPrice: 192, targetPrice: 196 } },
      instrument: aapl, account: 'DU1', nextId: () => id++, quote: { bid: 193.4, ask: 193.5 }, collarPct: 0.5,
    });
    const ib = built.map((b) => ({ role: b.role, ...toIbOrder(b.spec).order }));
    expect(ib.map((o) => [o.role, o.orderId, o.parentId, o.action, o.orderType, o.lmtPrice, o.auxPrice, o.transmit, o.ocaGroup, o.tif])).toEqual([
      ['entry', 40, 0, OrderAction.BUY, OrderType.LMT, 193.5, undefined, false, undefined, 'IOC'],
      ['target', 41, 40, OrderAction.SELL, OrderType.LMT, 196, undefined, false, 'tapedeck-b1', 'DAY'],
      ['stop', 42, 40, OrderAction.SELL, OrderType.STP, undefined, 192, true, 'tapedeck-b1', 'DAY'],
    ]);
    expect(ib.every((o) => o.orderRef === 'b1' && o.account === 'DU1')).toBe(true);
    expect(ib[1].ocaType).toBe(1);
  });

  it('with outsideRth the bracket\'s stop is a stop-limit (IB triggers no plain stop outside regular hours)', () => {
    let id = 50;
    const built = buildOrders({
      intent: { intentId: 'x1', symbol: 'AAPL', side: 'BUY', quantity: 100, type: 'LMT', limitPrice: 193.5, tif: 'DAY', outsideRth: true, bracket: { stopPrice: 192, targetPrice: 196 } },
      instrument: aapl, account: 'DU1', nextId: () => id++, quote: { bid: 193.4, ask: 193.5 }, collarPct: 0.5,
    });
    const stop = toIbOrder(built[2].spec).order;
    expect(stop).toMatchObject({ orderType: OrderType.STP_LMT, auxPrice: 192, lmtPrice: 191.04, outsideRth: true, transmit: true });
  });

  it('a market order becomes a collared limit; trailing orders carry percent or amount', () => {
    const mkt = buildOrders({ intent: { intentId: 'm', symbol: 'AAPL', side: 'SELL', quantity: 5, type: 'MKT', tif: 'DAY' }, instrument: aapl, account: 'DU1', nextId: () => 1, quote: { bid: 100, ask: 100.02 }, collarPct: 1 });
    expect(toIbOrder(mkt[0].spec).order).toMatchObject({ orderType: OrderType.LMT, lmtPrice: 99, transmit: true });
    const trail = buildOrders({ intent: { intentId: 't', symbol: 'AAPL', side: 'SELL', quantity: 5, type: 'TRAIL', trailingPercent: 2, tif: 'GTC' }, instrument: aapl, account: 'DU1', nextId: () => 2, quote: { bid: 100, ask: 100.02 }, collarPct: 1 });
    expect(toIbOrder(trail[0].spec).order).toMatchObject({ orderType: OrderType.TRAIL, trailingPercent: 2, tif: 'GTC' });
  });

  it('a GTD time (ET wall time in the intent) goes to IB with its zone named, never left to TWS\'s login zone', () => {
    const gtd = buildOrders({ intent: { intentId: 'g', symbol: 'AAPL', side: 'BUY', quantity: 5, type: 'LMT', limitPrice: 99, tif: 'GTD', goodTillDate: '20261201 15:30:00' }, instrument: aapl, account: 'DU1', nextId: () => 3, quote: { bid: 100, ask: 100.02 }, collarPct: 1 });
    expect(toIbOrder(gtd[0].spec).order).toMatchObject({ tif: 'GTD', goodTillDate: '20261201 15:30:00 US/Eastern' });
  });

  it('executions and commissions in domain terms', () => {
    const e = fromIbExecution({ symbol: 'aapl', conId: 1, secType: 'STK' as never }, { execId: '0001.02', shares: 10, price: 5, side: 'SLD', time: '20260402 10:00:01 US/Eastern', orderRef: 'x', acctNumber: 'DU1' }, 0);
    expect(e).toMatchObject({ execId: '0001.02', side: 'SELL', symbol: 'AAPL', orderRef: 'x', time: Date.UTC(2026, 3, 2, 14, 0, 1), multiplier: 1 });
    expect(fromIbExecution({}, { execId: 'x', shares: 0, price: 1 }, 0)).toBeUndefined();
    expect(fromIbCommission({ execId: 'a', commission: 1.5, currency: 'USD', realizedPNL: Number.MAX_VALUE })).toEqual({ execId: 'a', commission: 1.5, currency: 'USD', realizedPnl: null });
  });
});
