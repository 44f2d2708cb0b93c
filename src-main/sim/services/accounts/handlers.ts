/** Positions, account summary, account updates and P&L subscriptions. */
import { IbErr, IbText } from '../../protocol/errors';
import { IbOut } from '../../protocol/ids';
import { decReqAccountSummary, decReqPnl, decReqPnlSingle, decVersionedReqId } from '../../protocol/decode/requests';
import {
  encAccountDownloadEnd, encAccountSummary, encAccountSummaryEnd, encAccountUpdateMulti, encAccountUpdateMultiEnd, encAccountUpdateTime,
  encAccountValue, encPnl, encPnlSingle, encPortfolioValue, encPosition, encPositionEnd, encPositionMulti, encPositionMultiEnd,
} from '../../protocol/encode/account';
import { fmtEtHhMm } from '../../protocol/time-format';
import type { SimRoutes } from '../router';
import type { SimSession } from '../session';
import { ibContractFor } from '../contracts';
import type { SimAccountValues, SimPosition } from './account-book';

const money = (v: number) => (Math.round(v * 100) / 100).toFixed(2);

/** IB's AccountSummaryTags with the simulator's values (currency "" for non-monetary tags). */
export function summaryRows(v: SimAccountValues): Array<[tag: string, value: string, currency: string]> {
  const usd = (tag: string, x: number): [string, string, string] => [tag, money(x), 'USD'];
  return [
    ['AccountType', 'INDIVIDUAL', ''],
    usd('NetLiquidation', v.netLiquidation), usd('TotalCashValue', v.totalCash), usd('SettledCash', v.totalCash), usd('AccruedCash', 0),
    usd('BuyingPower', v.buyingPower), usd('EquityWithLoanValue', v.netLiquidation), usd('PreviousDayEquityWithLoanValue', v.netLiquidation - v.dailyPnl),
    usd('GrossPositionValue', v.grossPositionValue), usd('RegTEquity', v.netLiquidation), usd('RegTMargin', v.grossPositionValue * 0.5),
    usd('SMA', Math.max(0, v.netLiquidation - v.grossPositionValue * 0.5)), usd('InitMarginReq', v.initMargin), usd('MaintMarginReq', v.maintMargin),
    usd('AvailableFunds', v.availableFunds), usd('ExcessLiquidity', v.excessLiquidity),
    ['Cushion', v.netLiquidation > 0 ? (v.excessLiquidity / v.netLiquidation).toFixed(6) : '0', ''],
    usd('FullInitMarginReq', v.initMargin), usd('FullMaintMarginReq', v.maintMargin), usd('FullAvailableFunds', v.availableFunds),
    usd('FullExcessLiquidity', v.excessLiquidity), ['LookAheadNextChange', '0', ''], usd('LookAheadInitMarginReq', v.initMargin),
    usd('LookAheadMaintMarginReq', v.maintMargin), usd('LookAheadAvailableFunds', v.availableFunds), usd('LookAheadExcessLiquidity', v.excessLiquidity),
    ['HighestSeverity', '0', ''], ['DayTradesRemaining', '-1', ''],
    ['Leverage', v.netLiquidation > 0 ? (v.grossPositionValue / v.netLiquidation).toFixed(2) : '0', ''],
  ];
}

const ledgerRows = (v: SimAccountValues): Array<[string, string, string]> => [
  ['CashBalance', money(v.totalCash), 'USD'], ['NetLiquidationByCurrency', money(v.netLiquidation), 'USD'],
  ['RealizedPnL', money(v.realizedPnl), 'USD'], ['UnrealizedPnL', money(v.unrealizedPnl), 'USD'], ['StockMarketValue', money(v.grossPositionValue), 'USD'],
];

function accountsFor(s: SimSession, wanted: string): string[] {
  const all = s.ctx.config.accounts;
  return !wanted || wanted.toUpperCase() === 'ALL' ? all : all.filter((a) => a === wanted);
}

const reported = (p: SimPosition) => p.qty !== 0 || p.realizedToday !== 0;

export function registerAccounts(routes: SimRoutes): void {
  routes.set(IbOut.REQ_POSITIONS, (s) => {
    const book = s.ctx.accounts;
    for (const acct of s.ctx.config.accounts) {
      for (const p of book.positions(acct)) if (reported(p)) s.send(encPosition(acct, ibContractFor(p.stock, p.stock.primaryExchange), p.qty, p.avgCost));
    }
    s.send(encPositionEnd());
    const off = book.onPosition((acct, p) => s.send(encPosition(acct, ibContractFor(p.stock, p.stock.primaryExchange), p.qty, p.avgCost)));
    s.subs.add('positions', 0, { dispose: off });
  });
  routes.set(IbOut.CANCEL_POSITIONS, (s) => {
    s.subs.cancel('positions', 0);
  });

  routes.set(IbOut.REQ_POSITIONS_MULTI, (s, r) => {
    r.int();
    const reqId = r.int();
    const accounts = accountsFor(s, r.optStr());
    const modelCode = r.optStr();
    const book = s.ctx.accounts;
    for (const acct of accounts) {
      for (const p of book.positions(acct)) if (reported(p)) s.send(encPositionMulti(reqId, acct, ibContractFor(p.stock, p.stock.primaryExchange), p.qty, p.avgCost, modelCode));
    }
    s.send(encPositionMultiEnd(reqId));
    const off = book.onPosition((acct, p) => {
      if (accounts.includes(acct)) s.send(encPositionMulti(reqId, acct, ibContractFor(p.stock, p.stock.primaryExchange), p.qty, p.avgCost, modelCode));
    });
    s.subs.add('posMulti', reqId, { dispose: off });
  });
  routes.set(IbOut.CANCEL_POSITIONS_MULTI, (s, r) => {
    s.subs.cancel('posMulti', decVersionedReqId(r));
  });

  routes.set(IbOut.REQ_ACCOUNT_SUMMARY, (s, r) => {
    const req = decReqAccountSummary(r);
    const tags = new Set(req.tags.split(',').map((t) => t.trim()).filter(Boolean));
    const all = tags.has('All');
    const send = () => {
      for (const acct of s.ctx.config.accounts) {
        const v = s.ctx.accounts.values(acct);
        for (const [tag, value, ccy] of summaryRows(v)) if (all || tags.has(tag)) s.send(encAccountSummary(req.reqId, acct, tag, value, ccy));
        if (tags.has('$LEDGER') || tags.has('$LEDGER:ALL') || tags.has('$LEDGER:USD')) {
          for (const [tag, value, ccy] of ledgerRows(v)) s.send(encAccountSummary(req.reqId, acct, tag, value, ccy));
        }
      }
      s.send(encAccountSummaryEnd(req.reqId));
    };
    send();
    const timer = setInterval(send, s.ctx.config.accountSummaryRefreshMs);
    timer.unref?.();
    s.subs.add('acctSum', req.reqId, { dispose: () => clearInterval(timer) });
  });
  routes.set(IbOut.CANCEL_ACCOUNT_SUMMARY, (s, r) => {
    s.subs.cancel('acctSum', decVersionedReqId(r));
  });

  routes.set(IbOut.REQ_ACCOUNT_DATA, (s, r) => {
    r.int();
    const subscribe = r.bool();
    const acct = accountsFor(s, r.optStr())[0] ?? s.ctx.config.accounts[0];
    if (!subscribe) {
      s.subs.cancel('acctUpdates', 0);
      return;
    }
    const send = () => {
      const book = s.ctx.accounts;
      const v = book.values(acct);
      for (const [tag, value, ccy] of [...summaryRows(v), ...ledgerRows(v)]) s.send(encAccountValue(tag, value, ccy, acct));
      for (const p of book.positions(acct)) {
        const px = book.lastPrice(p.stock);
        s.send(encPortfolioValue({
          contract: ibContractFor(p.stock, p.stock.primaryExchange), position: p.qty, marketPrice: px, marketValue: px * p.qty,
          averageCost: p.avgCost, unrealizedPnl: book.unrealized(p), realizedPnl: p.realizedToday,
        }, acct));
      }
      s.send(encAccountUpdateTime(fmtEtHhMm(s.ctx.market.now())));
      s.send(encAccountDownloadEnd(acct));
    };
    send();
    const timer = setInterval(send, s.ctx.config.accountSummaryRefreshMs);
    timer.unref?.();
    s.subs.add('acctUpdates', 0, { dispose: () => clearInterval(timer) });
  });

  routes.set(IbOut.REQ_ACCOUNT_UPDATES_MULTI, (s, r) => {
    r.int();
    const reqId = r.int();
    const accounts = accountsFor(s, r.optStr());
    const modelCode = r.optStr();
    const ledgerOnly = r.remaining > 0 ? r.bool() : false;
    for (const acct of accounts) {
      const v = s.ctx.accounts.values(acct);
      const rows = ledgerOnly ? ledgerRows(v) : [...summaryRows(v), ...ledgerRows(v)];
      for (const [tag, value, ccy] of rows) s.send(encAccountUpdateMulti(reqId, acct, modelCode, tag, value, ccy));
    }
    s.send(encAccountUpdateMultiEnd(reqId));
    s.subs.add('acctMulti', reqId, { dispose: () => undefined });
  });
  routes.set(IbOut.CANCEL_ACCOUNT_UPDATES_MULTI, (s, r) => {
    s.subs.cancel('acctMulti', decVersionedReqId(r));
  });

  routes.set(IbOut.REQ_PNL, (s, r) => {
    const req = decReqPnl(r);
    const acct = req.account || s.ctx.config.accounts[0];
    if (!s.ctx.accounts.has(acct)) return s.error(req.reqId, IbErr.VALIDATION, IbText.validation(`Invalid account: ${req.account}`));
    const send = () => {
      if (!s.ctx.connectivity.ib) return;
      const v = s.ctx.accounts.values(acct);
      s.send(encPnl(s.sv, req.reqId, v.dailyPnl, v.unrealizedPnl, v.realizedPnl));
    };
    send();
    const timer = setInterval(send, s.ctx.config.pnlIntervalMs);
    timer.unref?.();
    s.subs.add('pnl', req.reqId, { dispose: () => clearInterval(timer) });
  });
  routes.set(IbOut.CANCEL_PNL, (s, r) => {
    s.subs.cancel('pnl', r.int());
  });

  routes.set(IbOut.REQ_PNL_SINGLE, (s, r) => {
    const req = decReqPnlSingle(r);
    const acct = req.account || s.ctx.config.accounts[0];
    if (!s.ctx.accounts.has(acct)) return s.error(req.reqId, IbErr.VALIDATION, IbText.validation(`Invalid account: ${req.account}`));
    if (!s.ctx.market.byConId(req.conId)) return s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
    const send = () => {
      if (!s.ctx.connectivity.ib) return;
      const book = s.ctx.accounts;
      const p = book.position(acct, req.conId);
      if (!p) return s.send(encPnlSingle(s.sv, req.reqId, 0, 0, 0, 0, 0));
      s.send(encPnlSingle(s.sv, req.reqId, p.qty, book.dailyPnl(p), book.unrealized(p), p.realizedToday, book.lastPrice(p.stock) * p.qty));
    };
    send();
    const timer = setInterval(send, s.ctx.config.pnlIntervalMs);
    timer.unref?.();
    s.subs.add('pnlSingle', req.reqId, { dispose: () => clearInterval(timer) });
  });
  routes.set(IbOut.CANCEL_PNL_SINGLE, (s, r) => {
    s.subs.cancel('pnlSingle', r.int());
  });
}
