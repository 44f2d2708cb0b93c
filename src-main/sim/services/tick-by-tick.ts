/** reqTickByTickData: Last/AllLast trades, BidAsk and MidPoint quotes as they happen; capped (10190). */
import { IbErr, IbText } from '../protocol/errors';
import { IbOut } from '../protocol/ids';
import { decReqTickByTick } from '../protocol/decode/requests';
import { encTbtBidAsk, encTbtLast, encTbtMidPoint } from '../protocol/encode/market-data';
import type { SimRoutes } from './router';
import { resolveInstrument } from './contracts';

const TYPES: Record<string, 1 | 2 | 3 | 4> = { LAST: 1, ALLLAST: 2, BIDASK: 3, MIDPOINT: 4 };

export function registerTickByTick(routes: SimRoutes): void {
  routes.set(IbOut.REQ_TICK_BY_TICK_DATA, (s, r) => {
    const req = decReqTickByTick(r, s.sv);
    const type = TYPES[req.tickType.toUpperCase()];
    if (!type) {
      s.error(req.reqId, IbErr.VALIDATION, IbText.validation(`Invalid tick type: ${req.tickType}`));
      return;
    }
    const stock = resolveInstrument(s.ctx.market, req.contract);
    if (!stock) {
      s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
      return;
    }
    if (!s.subs.has('tbt', req.reqId) && s.subs.count('tbt') >= s.ctx.config.tickByTickLimit) {
      s.error(req.reqId, IbErr.TBT_CAP, IbText.tbtCap);
      return;
    }
    const market = s.ctx.market;
    const reqId = req.reqId;
    let unsub: () => void;
    if (type === 1 || type === 2) {
      unsub = market.onTrade(stock.conId, (t) => {
        if (!s.ctx.streamsLive()) return;
        // "Last" omits trades TWS flags as unreportable (odd lots reported late); the model reports none.
        s.send(encTbtLast(reqId, type, t.time / 1000, t.price, t.size, 0, t.exchange, t.conditions));
      });
    } else {
      let lastBid = NaN;
      let lastAsk = NaN;
      let lastBidSize = NaN;
      let lastAskSize = NaN;
      let lastMid = NaN;
      unsub = market.onQuote(stock.conId, (q) => {
        if (!s.ctx.streamsLive()) return;
        if (type === 3) {
          const priceChanged = q.bid !== lastBid || q.ask !== lastAsk;
          const sizeChanged = q.bidSize !== lastBidSize || q.askSize !== lastAskSize;
          if (!priceChanged && (req.ignoreSize || !sizeChanged)) return;
          s.send(encTbtBidAsk(reqId, q.time / 1000, q.bid, q.ask, q.bidSize, q.askSize));
        } else {
          const mid = Math.round(((q.bid + q.ask) / 2) * 1e6) / 1e6;
          if (mid === lastMid) return;
          lastMid = mid;
          s.send(encTbtMidPoint(reqId, q.time / 1000, mid));
        }
        lastBid = q.bid;
        lastAsk = q.ask;
        lastBidSize = q.bidSize;
        lastAskSize = q.askSize;
      });
    }
    s.subs.add('tbt', reqId, { conId: stock.conId, dispose: () => unsub() });
  });

  routes.set(IbOut.CANCEL_TICK_BY_TICK_DATA, (s, r) => {
    s.subs.cancel('tbt', r.int());
  });
}
