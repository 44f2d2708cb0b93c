/**
 * reqMktDepth (L1 rows or SMART/Deep2 L2 rows), capped per connection (309), with 10092 for the
 * reserved NODEPTH ticker and non-stock contracts, 316/317 faults, and reqMktDepthExchanges.
 */
import type { SimStock } from '../market/types';
import { IbErr, IbText } from '../protocol/errors';
import { IbOut } from '../protocol/ids';
import { decCancelMktDepth, decReqMktDepth } from '../protocol/decode/requests';
import { encDepth, encDepthExchanges, encDepthL2 } from '../protocol/encode/market-data';
import type { IbDepthExchange } from '../protocol/types';
import type { SimRoutes } from './router';
import type { SimSession } from './session';
import { NO_DEPTH_SYMBOL, resolveInstrument } from './contracts';
import { type ClientDepthOp, DepthView } from './depth-view';

export const DEPTH_EXCHANGES: IbDepthExchange[] = [
  { exchange: 'ISLAND', secType: 'STK', listingExch: 'NASDAQ', serviceDataType: 'Deep2', aggGroup: 1 },
  { exchange: 'NYSE', secType: 'STK', listingExch: 'NYSE', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'ARCA', secType: 'STK', listingExch: 'NYSE', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'BATS', secType: 'STK', listingExch: '', serviceDataType: 'Deep', aggGroup: 1 },
  { exchange: 'IEX', secType: 'STK', listingExch: '', serviceDataType: 'Deep', aggGroup: 1 },
];
const DEEP2 = new Set(['ISLAND', 'NASDAQ']);
const MAX_ROWS = 50;
/** Rows mirrored from the market beyond what the client sees, so deletes can pull rows up. */
const MIRROR_ROWS = 200;

interface DepthSub {
  reqId: number;
  stock: SimStock;
  smart: boolean;
  /** MARKET_DEPTH_L2 (with market makers) rather than MARKET_DEPTH. */
  l2: boolean;
  isSmartFlag: boolean;
  view: DepthView;
  unsub: () => void;
}

function emit(s: SimSession, sub: DepthSub, ops: ClientDepthOp[]): void {
  for (const op of ops) {
    if (sub.l2) s.send(encDepthL2(s.sv, sub.reqId, op.position, op.row.marketMaker, op.operation, op.side, op.row.price, op.row.size, sub.isSmartFlag));
    else s.send(encDepth(sub.reqId, op.position, op.operation, op.side, op.row.price, op.row.size));
  }
}

function open(s: SimSession, reqId: number, stock: SimStock, numRows: number, smart: boolean, l2: boolean, isSmartFlag: boolean): void {
  const market = s.ctx.market;
  const view = new DepthView(numRows, market.book(stock.conId, MIRROR_ROWS, smart));
  const sub: DepthSub = { reqId, stock, smart, l2, isSmartFlag, view, unsub: () => undefined };
  if (s.ctx.streamsLive()) emit(s, sub, view.snapshot());
  else view.pauseFromEmpty();
  sub.unsub = market.onDepth(stock.conId, smart, (op) => {
    const live = s.ctx.streamsLive();
    const out = view.apply(op, live);
    if (live && out.length) emit(s, sub, out);
  });
  s.subs.add('depth', reqId, {
    conId: stock.conId,
    dispose: () => {
      sub.unsub();
      if (depthSubs(s).get(reqId) === sub) depthSubs(s).delete(reqId);
    },
    resume: () => emit(s, sub, view.resync()),
  });
  depthSubs(s).set(reqId, sub);
}

const registry = new WeakMap<SimSession, Map<number, DepthSub>>();
function depthSubs(s: SimSession): Map<number, DepthSub> {
  let m = registry.get(s);
  if (!m) registry.set(s, (m = new Map()));
  return m;
}

/** 317: tell every client subscribed to `symbol` to clear its book, then resend it. */
export function depthReset(s: SimSession, symbol: string): void {
  for (const [reqId, sub] of [...depthSubs(s)]) {
    if (sub.stock.symbol !== symbol || !s.subs.has('depth', reqId)) continue;
    s.error(reqId, IbErr.DEPTH_RESET, IbText.depthReset);
    s.subs.cancel('depth', reqId);
    open(s, reqId, sub.stock, sub.view.numRows, sub.smart, sub.l2, sub.isSmartFlag);
  }
}

/** 316: the stream is dead; the client must resubscribe (the slot is freed). */
export function depthHalted(s: SimSession, symbol: string): void {
  for (const [reqId, sub] of [...depthSubs(s)]) {
    if (sub.stock.symbol !== symbol || !s.subs.has('depth', reqId)) continue;
    s.error(reqId, IbErr.DEPTH_HALTED, IbText.depthHalted);
    s.subs.cancel('depth', reqId);
  }
}

export function registerDepth(routes: SimRoutes): void {
  routes.set(IbOut.REQ_MKT_DEPTH, (s, r) => {
    const req = decReqMktDepth(r, s.sv);
    const c = req.contract;
    const secType = c.secType.toUpperCase();
    if (c.symbol.toUpperCase() === NO_DEPTH_SYMBOL || (secType !== '' && secType !== 'STK' && secType !== 'FUT')) {
      s.error(req.reqId, IbErr.DEPTH_NOT_SUPPORTED, IbText.depthNotSupported);
      return;
    }
    const stock = resolveInstrument(s.ctx.market, c);
    if (!stock) {
      s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
      return;
    }
    const limit = s.ctx.config.depthLimit;
    if (!s.subs.has('depth', req.reqId) && s.subs.count('depth') >= limit) {
      s.error(req.reqId, IbErr.DEPTH_CAP, IbText.depthCap(limit));
      return;
    }
    const exchange = c.exchange.toUpperCase();
    const smart = req.isSmartDepth || exchange === 'SMART' || exchange === '';
    const l2 = smart || DEEP2.has(exchange);
    const numRows = Math.max(1, Math.min(MAX_ROWS, req.numRows > 0 ? req.numRows : 10));
    open(s, req.reqId, stock, numRows, smart, l2, req.isSmartDepth);
  });

  routes.set(IbOut.CANCEL_MKT_DEPTH, (s, r) => {
    const { reqId } = decCancelMktDepth(r, s.sv);
    s.subs.cancel('depth', reqId);
  });

  routes.set(IbOut.REQ_MKT_DEPTH_EXCHANGES, (s) => s.send(encDepthExchanges(s.sv, DEPTH_EXCHANGES)));
}
