/**
 * reqHistoricalTicks: TRADES → HISTORICAL_TICKS_LAST, BID_ASK → HISTORICAL_TICKS_BID_ASK, MIDPOINT →
 * HISTORICAL_TICKS, at most 1,000 per request (plus the rest of the last second, as IB does), paced with
 * the same per-connection log as the bars. The simulator serves a start time only (the walk forward that
 * backfill does); an end-only request is refused with IB's validation error.
 */
import { IbErr, IbText } from '../../protocol/errors';
import { IbOut } from '../../protocol/ids';
import { decReqHistoricalTicks } from '../../protocol/decode/requests';
import { encHistoricalTicksBidAsk, encHistoricalTicksLast, encHistoricalTicksMid } from '../../protocol/encode/history';
import { parseIbDateTime } from '../../protocol/time-format';
import type { SimRoutes } from '../router';
import { resolveInstrument } from '../contracts';
import { sessionPacing } from './pacing';

export const MAX_HISTORICAL_TICKS = 1000;
const ENCODERS = { TRADES: encHistoricalTicksLast, BID_ASK: encHistoricalTicksBidAsk, MIDPOINT: encHistoricalTicksMid } as const;

export function registerHistoricalTicks(routes: SimRoutes): void {
  routes.set(IbOut.REQ_HISTORICAL_TICKS, (s, r) => {
    const req = decReqHistoricalTicks(r);
    const fail = (code: number, text: string) => s.error(req.reqId, code, text);
    const stock = resolveInstrument(s.ctx.market, req.contract);
    if (!stock) return fail(IbErr.NO_SECURITY_DEF, IbText.noSecDef);
    if (!s.ctx.connectivity.hmds || !s.ctx.connectivity.ib) return fail(IbErr.HIST_DATA, IbText.hmdsBroken);
    const whatKey = req.whatToShow.toUpperCase() as keyof typeof ENCODERS;
    const encode = ENCODERS[whatKey];
    if (!encode) return fail(IbErr.VALIDATION, IbText.validation(`Historical ticks whatToShow ${req.whatToShow} is not supported.`));
    if (!(req.numberOfTicks >= 1 && req.numberOfTicks <= MAX_HISTORICAL_TICKS)) {
      return fail(IbErr.VALIDATION, IbText.validation(`numberOfTicks must be between 1 and ${MAX_HISTORICAL_TICKS}.`));
    }
    const start = parseIbDateTime(req.startDateTime);
    if (start === 'invalid' || start === undefined || req.endDateTime.trim() !== '') {
      return fail(IbErr.VALIDATION, IbText.validation('Historical ticks need a valid start date/time and no end (simulator).'));
    }
    if (!s.ctx.market.historicalTicks) return fail(IbErr.HIST_DATA, IbText.noData(`${stock.symbol} ticks`));
    s.ctx.stats.historicalRequests++;
    const c = req.contract;
    const admitted = sessionPacing(s).admit(
      {
        identical: ['ticks', stock.conId, c.exchange, req.startDateTime, req.numberOfTicks, whatKey, req.useRTH].join('|'),
        contract: [stock.conId, c.exchange, whatKey].join('|'),
        cost: whatKey === 'BID_ASK' ? 2 : 1,
      },
      s.subs.count('hist'),
    );
    if (!admitted) {
      s.ctx.stats.pacingViolations++;
      return fail(IbErr.HIST_DATA, IbText.pacing);
    }
    const ticks = s.ctx.market.historicalTicks({ conId: stock.conId, start, count: req.numberOfTicks, useRTH: req.useRTH });
    s.send(encode(req.reqId, ticks, true));
  });
}
