/**
 * reqMktData: TICK_REQ_PARAMS + MARKET_DATA_TYPE, an initial burst, then changed ticks sampled every
 * `quoteSampleMs` (TWS samples too); snapshots end with TICK_SNAPSHOT_END. RT_VOLUME (233) reports trades.
 */
import type { SimStock } from '../../market/types';
import { IbErr, IbText } from '../../protocol/errors';
import { IbOut } from '../../protocol/ids';
import { decReqMktData, decVersionedReqId } from '../../protocol/decode/requests';
import {
  encMarketDataType, encTickGeneric, encTickPrice, encTickReqParams, encTickSize, encTickSnapshotEnd, encTickString,
} from '../../protocol/encode/market-data';
import { fmtPrice } from '../../protocol/fields';
import type { SimRoutes } from '../router';
import type { SimSession } from '../session';
import { resolveInstrument } from '../contracts';
import { type SimTick, TickType, parseGenericTicks, quoteTicks, tickSignature, wireSize } from './ticks';

interface MktSub {
  reqId: number;
  stock: SimStock;
  delayed: boolean;
  mdType: number;
  generic: Set<number>;
  lastSent: Map<number, string>;
  dirty: boolean;
  vwapNum: number;
  vwapDen: number;
}

function sendTick(s: SimSession, reqId: number, t: SimTick): void {
  switch (t.kind) {
    case 'price':
      s.send(encTickPrice(reqId, t.type, t.price, t.size, t.type === TickType.BID || t.type === TickType.ASK ? 1 : 0));
      // @stoqey/ib drops the synthetic BID_SIZE (tick 0 is falsy): sizes also go out explicitly, as TWS does.
      if (t.sizeType !== undefined) s.send(encTickSize(reqId, t.sizeType, t.size));
      break;
    case 'size':
      s.send(encTickSize(reqId, t.type, t.size));
      break;
    case 'generic':
      s.send(encTickGeneric(reqId, t.type, t.value));
      break;
    case 'string':
      s.send(encTickString(reqId, t.type, t.value));
      break;
  }
}

/** Sends ticks whose value changed since the last flush (all of them the first time). */
function flush(s: SimSession, sub: MktSub): void {
  const q = s.ctx.market.quote(sub.stock.conId);
  for (const t of quoteTicks(sub.stock, q, sub.delayed, sub.generic, s.sv)) {
    const sig = tickSignature(t);
    const prev = sub.lastSent.get(t.type);
    if (prev === sig) continue;
    sub.lastSent.set(t.type, sig);
    if (t.kind === 'price' && prev !== undefined && t.sizeType !== undefined && prev.split('|')[0] === String(t.price)) {
      s.send(encTickSize(sub.reqId, t.sizeType, t.size)); // size-only change
      continue;
    }
    sendTick(s, sub.reqId, t);
  }
  sub.dirty = false;
}

function sampler(s: SimSession): (reqId: number, sub: MktSub) => void {
  let timer: NodeJS.Timeout | undefined;
  let round = 0;
  const subs = new Map<number, MktSub>();
  const start = () => {
    if (timer) return;
    timer = setInterval(() => {
      if (!s.ctx.streamsLive()) return;
      round++;
      for (const sub of subs.values()) if (sub.dirty || round % 8 === 0) flush(s, sub);
    }, s.ctx.config.quoteSampleMs);
    timer.unref?.();
  };
  s.onDispose(() => timer && clearInterval(timer));
  return (reqId, sub) => {
    subs.set(reqId, sub);
    start();
    s.subs.add('mkt', reqId, {
      conId: sub.stock.conId,
      dispose: () => {
        subs.delete(reqId);
        unsubs.forEach((u) => u());
        if (subs.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      },
      resume: () => {
        sub.dirty = true;
      },
    });
    const market = s.ctx.market;
    const unsubs = [
      market.onQuote(sub.stock.conId, () => (sub.dirty = true)),
      market.onTrade(sub.stock.conId, (tr) => {
        sub.dirty = true;
        sub.vwapNum += tr.price * tr.size;
        sub.vwapDen += tr.size;
        if (!s.ctx.streamsLive() || sub.delayed) return;
        const wants233 = sub.generic.has(233);
        const wants375 = sub.generic.has(375);
        if (!wants233 && !wants375) return;
        const q = market.quote(sub.stock.conId);
        const vwap = sub.vwapDen ? sub.vwapNum / sub.vwapDen : tr.price;
        const text = `${fmtPrice(tr.price)};${wireSize(s.sv, tr.size)};${tr.time};${wireSize(s.sv, q.volume)};${fmtPrice(vwap)};true`;
        if (wants233) s.send(encTickString(reqId, TickType.RT_VOLUME, text));
        if (wants375) s.send(encTickString(reqId, TickType.RT_TRD_VOLUME, text));
      }),
    ];
  };
}

export function registerMarketData(routes: SimRoutes): void {
  const samplers = new WeakMap<SimSession, ReturnType<typeof sampler>>();

  routes.set(IbOut.REQ_MARKET_DATA_TYPE, (s, r) => {
    r.int();
    const t = r.int();
    s.marketDataType = t >= 1 && t <= 4 ? t : 1;
  });

  routes.set(IbOut.REQ_MKT_DATA, (s, r) => {
    const req = decReqMktData(r, s.sv);
    const stock = resolveInstrument(s.ctx.market, req.contract);
    if (!stock) {
      s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
      return;
    }
    const mdType = s.marketDataType;
    const sub: MktSub = {
      reqId: req.reqId, stock, delayed: mdType >= 3, mdType, generic: parseGenericTicks(req.genericTicks),
      lastSent: new Map(), dirty: true, vwapNum: 0, vwapDen: 0,
    };
    s.send(encTickReqParams(req.reqId, stock.minTick, '9c0001', 3));
    s.send(encMarketDataType(req.reqId, mdType));
    if (req.snapshot || req.regulatorySnapshot) {
      for (const t of quoteTicks(stock, s.ctx.market.quote(stock.conId), sub.delayed, sub.generic, s.sv)) sendTick(s, req.reqId, t);
      s.send(encTickSnapshotEnd(req.reqId));
      return;
    }
    let add = samplers.get(s);
    if (!add) samplers.set(s, (add = sampler(s)));
    add(req.reqId, sub);
    if (s.ctx.streamsLive()) flush(s, sub);
  });

  routes.set(IbOut.CANCEL_MKT_DATA, (s, r) => {
    s.subs.cancel('mkt', decVersionedReqId(r));
  });
}
