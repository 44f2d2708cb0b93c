/**
 * reqHistoricalData (one msg 17 with every bar; keepUpToDate then sends msg 90 for the forming bar),
 * reqRealTimeBars (5-second bars), with IB's validation errors and pacing (162).
 */
import type { SimBar, SimBarQuery, SimMarket, SimStock } from '../../market/types';
import { IbErr, IbText } from '../../protocol/errors';
import { IbOut } from '../../protocol/ids';
import { decReqHistoricalData, decReqRealTimeBars, decVersionedReqId } from '../../protocol/decode/requests';
import { type IbBarOut, encHistoricalData, encHistoricalDataUpdate, encRealTimeBar } from '../../protocol/encode/history';
import { fmtEtDateTime, parseIbDateTime } from '../../protocol/time-format';
import type { SimRoutes } from '../router';
import type { SimSession } from '../session';
import { resolveInstrument } from '../contracts';
import { type BarSize, fmtBarDate, groupKey, parseBarSize, parseDuration, windowStart } from './bar-spec';
import { sessionPacing } from './pacing';

const WHAT: Record<string, SimBarQuery['whatToShow']> = {
  TRADES: 'TRADES', ADJUSTED_LAST: 'TRADES', MIDPOINT: 'MIDPOINT', BID: 'BID', ASK: 'ASK', BID_ASK: 'BID_ASK',
};
const WHAT_LABEL: Record<string, string> = { TRADES: 'Trades', MIDPOINT: 'Midpoint', BID: 'Bid', ASK: 'Ask', BID_ASK: 'Bid_Ask' };
const MAX_BARS = 100_000;

function fetchBars(market: SimMarket, stock: SimStock, start: number, end: number, size: BarSize, what: SimBarQuery['whatToShow'], useRTH: boolean): SimBar[] {
  const raw = market.bars({ conId: stock.conId, start, end, barMs: size.ms, whatToShow: what, useRTH });
  if (size.unit === 'ms') return raw;
  const out: SimBar[] = [];
  let key = '';
  for (const b of raw) {
    const k = groupKey(b.time, size.unit);
    const last = out[out.length - 1];
    if (last && k === key) {
      last.high = Math.max(last.high, b.high);
      last.low = Math.min(last.low, b.low);
      last.close = b.close;
      if (b.volume >= 0 && last.volume >= 0) {
        last.wap = last.volume + b.volume > 0 ? (last.wap * last.volume + b.wap * b.volume) / (last.volume + b.volume) : b.wap;
        last.volume += b.volume;
        last.count += b.count;
      }
    } else {
      key = k;
      out.push({ ...b });
    }
  }
  return out;
}

const toOut = (b: SimBar, formatDate: number, daily: boolean): IbBarOut => ({
  date: fmtBarDate(b.time, formatDate, daily), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, wap: b.wap, count: b.count,
});

/** The forming bar for keepUpToDate, with the last trade folded in so it moves between model bars. */
function formingBar(s: SimSession, stock: SimStock, size: BarSize, what: SimBarQuery['whatToShow'], useRTH: boolean): SimBar | undefined {
  const now = s.ctx.market.now();
  const bars = fetchBars(s.ctx.market, stock, now - Math.max(size.ms, 60_000) * 2, now + 1, size, what, useRTH);
  return bars[bars.length - 1];
}

export function registerHistorical(routes: SimRoutes): void {
  routes.set(IbOut.REQ_HISTORICAL_DATA, (s, r) => {
    const req = decReqHistoricalData(r, s.sv);
    const fail = (code: number, text: string) => s.error(req.reqId, code, text);
    const stock = resolveInstrument(s.ctx.market, req.contract);
    if (!stock) return fail(IbErr.NO_SECURITY_DEF, IbText.noSecDef);
    if (!s.ctx.connectivity.hmds || !s.ctx.connectivity.ib) return fail(IbErr.HIST_DATA, IbText.hmdsBroken);
    const size = parseBarSize(req.barSize);
    if (!size) return fail(IbErr.VALIDATION, IbText.validation('Historical data bar size setting is invalid.'));
    const duration = parseDuration(req.duration);
    if (!duration) return fail(IbErr.VALIDATION, IbText.validation('Historical data duration format is invalid.'));
    const whatKey = req.whatToShow.toUpperCase();
    const what = WHAT[whatKey];
    if (!what) return fail(IbErr.VALIDATION, IbText.validation(`Historical data whatToShow ${req.whatToShow} is not supported.`));
    if (req.keepUpToDate && req.endDateTime.trim() !== '') return fail(IbErr.VALIDATION, IbText.validation('End date not supported with live updates.'));
    if (req.keepUpToDate && size.ms < 5_000) return fail(IbErr.VALIDATION, IbText.validation('Live updates are not supported for bar sizes below 5 secs.'));
    const parsedEnd = parseIbDateTime(req.endDateTime);
    if (parsedEnd === 'invalid') return fail(IbErr.VALIDATION, IbText.validation(`Invalid end date/time: ${req.endDateTime}`));
    const now = s.ctx.market.now();
    const end = Math.min(parsedEnd ?? now, now);
    const start = windowStart(end, duration);
    if ((end - start) / size.ms > MAX_BARS) return fail(IbErr.HIST_DATA, 'Historical Market Data Service error message:Time length exceed max.');
    const p = sessionPacing(s);
    s.ctx.stats.historicalRequests++;
    const c = req.contract;
    const admitted = p.admit(
      {
        identical: [stock.conId, c.exchange, req.endDateTime, req.duration, req.barSize, whatKey, req.useRTH, req.formatDate, req.keepUpToDate].join('|'),
        contract: [stock.conId, c.exchange, whatKey].join('|'),
        cost: whatKey === 'BID_ASK' ? 2 : 1,
        capped: size.ms <= 30_000,
      },
      s.subs.count('hist'),
    );
    if (!admitted) {
      s.ctx.stats.pacingViolations++;
      return fail(IbErr.HIST_DATA, IbText.pacing);
    }
    const bars = fetchBars(s.ctx.market, stock, start, end, size, what, req.useRTH);
    if (!bars.length) return fail(IbErr.HIST_DATA, IbText.noData(`${stock.symbol}@${c.exchange || 'SMART'} ${WHAT_LABEL[what] ?? what}`));
    s.send(encHistoricalData(s.sv, req.reqId, fmtEtDateTime(start), fmtEtDateTime(end), bars.map((b) => toOut(b, req.formatDate, size.daily))));
    if (!req.keepUpToDate) return;
    const timer = setInterval(() => {
      if (!s.ctx.streamsLive() || !s.ctx.connectivity.hmds) return;
      const b = formingBar(s, stock, size, what, req.useRTH);
      if (b) s.send(encHistoricalDataUpdate(req.reqId, toOut(b, req.formatDate, size.daily)));
    }, s.ctx.config.keepUpToDateMs);
    timer.unref?.();
    s.subs.add('hist', req.reqId, { conId: stock.conId, dispose: () => clearInterval(timer) });
  });

  routes.set(IbOut.CANCEL_HISTORICAL_DATA, (s, r) => {
    s.subs.cancel('hist', decVersionedReqId(r));
  });

  routes.set(IbOut.REQ_REAL_TIME_BARS, (s, r) => {
    const req = decReqRealTimeBars(r);
    const stock = resolveInstrument(s.ctx.market, req.contract);
    if (!stock) return s.error(req.reqId, IbErr.NO_SECURITY_DEF, IbText.noSecDef);
    const what = WHAT[req.whatToShow.toUpperCase()];
    if (!what || what === 'BID_ASK') return s.error(req.reqId, IbErr.VALIDATION, IbText.validation(`Real time bars whatToShow ${req.whatToShow} is not supported.`));
    if (req.barSize !== 5) return s.error(req.reqId, IbErr.VALIDATION, IbText.validation('Real time bars only support a bar size of 5 seconds.'));
    const market = s.ctx.market;
    let lastStart = Math.floor(market.now() / 5000) * 5000 - 5000;
    const period = Math.max(50, Math.round(1000 / Math.max(0.01, s.ctx.config.speed)));
    const timer = setInterval(() => {
      const due = Math.floor(market.now() / 5000) * 5000 - 5000;
      for (let t = lastStart + 5000; t <= due; t += 5000) {
        lastStart = t;
        if (!s.ctx.streamsLive()) continue;
        const [b] = market.bars({ conId: stock.conId, start: t, end: t + 5000, barMs: 5000, whatToShow: what, useRTH: req.useRTH });
        const flat = market.quote(stock.conId).last;
        const bar = b ?? { open: flat, high: flat, low: flat, close: flat, volume: 0, wap: flat, count: 0 };
        s.send(encRealTimeBar(req.reqId, t / 1000, bar));
      }
    }, period);
    timer.unref?.();
    s.subs.add('rtb', req.reqId, { conId: stock.conId, dispose: () => clearInterval(timer) });
  });

  routes.set(IbOut.CANCEL_REAL_TIME_BARS, (s, r) => {
    s.subs.cancel('rtb', decVersionedReqId(r));
  });
}
