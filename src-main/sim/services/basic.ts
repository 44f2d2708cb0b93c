/** Time, ids, accounts, contract details, symbol search, market rules, head timestamps, user info. */
import { IbErr, IbText } from '../protocol/errors';
import { IbOut } from '../protocol/ids';
import { decReqContractData, decReqHeadTimestamp } from '../protocol/decode/requests';
import { encContractData, encContractDataEnd, encSymbolSamples } from '../protocol/encode/contract';
import { encCurrentTime, encManagedAccounts, encMarketRule, encNextValidId, encUserInfo } from '../protocol/encode/session';
import { encHeadTimestamp } from '../protocol/encode/history';
import { fmtEtDateTime } from '../protocol/time-format';
import type { SimRoutes } from './router';
import { contractDetailsFor, ibContractFor, marketRule, matchingFutures, resolveInstrument, resolveStock } from './contracts';

/** Every simulated stock's history "starts" at IB's oldest US equity timestamp (1980-12-12 14:30 UTC). */
const HEAD_TIMESTAMP_MS = 345_479_400_000;

export function registerBasic(routes: SimRoutes): void {
  routes.set(IbOut.REQ_CURRENT_TIME, (s) => s.send(encCurrentTime(s.ctx.market.now() / 1000)));
  routes.set(IbOut.REQ_IDS, (s) => s.send(encNextValidId(s.ctx.orders.nextValidId(s.clientId))));
  routes.set(IbOut.REQ_MANAGED_ACCTS, (s) => s.send(encManagedAccounts(s.ctx.config.accounts)));
  // Log level, news bulletins and their cancel need no reply.
  for (const id of [IbOut.SET_SERVER_LOGLEVEL, IbOut.REQ_NEWS_BULLETINS, IbOut.CANCEL_NEWS_BULLETINS, IbOut.CANCEL_HEAD_TIMESTAMP]) {
    routes.set(id, () => undefined);
  }

  routes.set(IbOut.REQ_CONTRACT_DATA, (s, r) => {
    const req = decReqContractData(r);
    // A FUT request lists every matching expiry, as TWS does; a stock request names one stock.
    const isFut = req.contract.secType.toUpperCase() === 'FUT';
    const stock = isFut ? undefined : resolveStock(s.ctx.market, req.contract);
    const found = isFut ? matchingFutures(s.ctx.market, req.contract) : stock ? [stock] : [];
    if (found.length === 0) {
      s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
      return;
    }
    const exchange = req.contract.exchange.toUpperCase() || 'SMART';
    for (const x of found) s.send(encContractData(s.sv, req.reqId, contractDetailsFor(x, s.ctx.market.now(), exchange)));
    s.send(encContractDataEnd(req.reqId));
  });

  routes.set(IbOut.REQ_MATCHING_SYMBOLS, (s, r) => {
    const reqId = r.int();
    const pattern = r.str().trim().toUpperCase();
    const stocks = s.ctx.market.stocks;
    const exact = stocks.filter((x) => x.symbol === pattern);
    const prefix = stocks.filter((x) => x.symbol !== pattern && pattern && x.symbol.startsWith(pattern));
    const named = stocks.filter((x) => pattern && !x.symbol.startsWith(pattern) && x.longName.toUpperCase().includes(pattern));
    const rows = [...exact, ...prefix, ...named].slice(0, 16).map((x) => ({ contract: ibContractFor(x, x.primaryExchange), description: x.longName }));
    s.send(encSymbolSamples(s.sv, reqId, rows));
  });

  routes.set(IbOut.REQ_MARKET_RULE, (s, r) => {
    const id = r.int();
    s.send(encMarketRule(id, marketRule(id)));
  });

  routes.set(IbOut.REQ_HEAD_TIMESTAMP, (s, r) => {
    const req = decReqHeadTimestamp(r);
    if (!resolveInstrument(s.ctx.market, req.contract)) {
      s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
      return;
    }
    const text = req.formatDate === 2 ? String(HEAD_TIMESTAMP_MS / 1000) : fmtEtDateTime(HEAD_TIMESTAMP_MS, false).replace(' ', '-');
    s.send(encHeadTimestamp(req.reqId, text));
  });

  routes.set(IbOut.REQ_USER_INFO, (s, r) => s.send(encUserInfo(r.int(), '')));
}
