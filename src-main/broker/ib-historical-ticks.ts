/**
 * reqHistoricalTicks through the one pacing gate (IB counts tick requests against historical pacing like
 * bars, BID_ASK twice). One answer per request: HISTORICAL_TICKS_LAST for TRADES, _BID_ASK for quotes.
 * Errors follow the bars' handling: 162 "no data" is an empty answer, a pacing 162 penalizes the gate and
 * re-sends, 322 waits and re-sends, a timeout cancels nothing (IB has no cancel for ticks) and fails.
 */
import { EventName, type HistoricalTickBidAsk, type HistoricalTickLast, type IBApi } from '@stoqey/ib';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { IbErrorInfo } from './error-map';
import type { HistoricalQueue, PacedTask } from './historical-queue';
import { toIbUtc } from './ib-time';
import type { IbLink } from './ib-link';
import { attachListeners } from './ib-listeners';
import { toIbContract } from './parse';
import { requestWeight } from './pacing-rules';
import { HISTORICAL_TIMEOUT, type HistoricalTick, type HistoricalTicksRequest } from './port';
import type { Scheduler, TimerHandle } from './scheduler';

interface TickJob { task: PacedTask; timer?: TimerHandle; reqId: number; finish(r: Result<HistoricalTick[]>): void }

export const toTradeTicks = (ticks: readonly HistoricalTickLast[]): HistoricalTick[] =>
  ticks
    .filter((t) => t.time !== undefined && t.price !== undefined)
    .map((t) => ({ kind: 'trade', time: t.time! * 1000, price: t.price!, size: t.size ?? 0, exchange: t.exchange ?? '', conditions: t.specialConditions ?? '' }));

export const toQuoteTicks = (ticks: readonly HistoricalTickBidAsk[]): HistoricalTick[] =>
  ticks
    .filter((t) => t.time !== undefined)
    .map((t) => ({ kind: 'quote', time: t.time! * 1000, bid: t.priceBid ?? NaN, ask: t.priceAsk ?? NaN, bidSize: t.sizeBid ?? 0, askSize: t.sizeAsk ?? 0 }));

export class HistoricalTickRequests {
  private readonly jobs = new Map<number, TickJob>();
  private readonly unsettled = new Set<TickJob>();
  pacingViolations = 0;

  constructor(
    private readonly link: IbLink,
    private readonly queue: HistoricalQueue,
    private readonly scheduler: Scheduler,
    private readonly timeoutMs = 60_000,
    private readonly pacingRetryMs = 16_000,
  ) {}

  request(req: HistoricalTicksRequest): Promise<Result<HistoricalTick[]>> {
    if (!this.link.isUp()) return Promise.resolve(err('NOT_CONNECTED', 'Not connected to IB: historical ticks are unavailable.'));
    if (!(req.count >= 1 && req.count <= 1000)) return Promise.resolve(err('INVALID_INPUT', 'IB serves 1 to 1,000 historical ticks per request.'));
    const c = toIbContract(req.instrument);
    const start = toIbUtc(req.start);
    return new Promise((resolve) => {
      const job: TickJob = {
        reqId: -1,
        task: {
          identity: ['ticks', c.conId, c.exchange, start, req.count, req.whatToShow, req.useRTH].join('|'),
          group: [c.conId, c.exchange, req.whatToShow].join('|'),
          weight: requestWeight(req.whatToShow),
          priority: req.priority ?? 'interactive',
          run: () => {
            job.reqId = this.link.nextReqId();
            this.jobs.set(job.reqId, job);
            this.scheduler.clearTimeout(job.timer);
            job.timer = this.scheduler.setTimeout(
              () => job.finish(err('INTERNAL', `${HISTORICAL_TIMEOUT} for ${req.instrument.symbol} ticks.`)),
              req.timeoutMs ?? this.timeoutMs,
            );
            this.link.send((api) => api.reqHistoricalTicks(job.reqId, c, start, '', req.count, req.whatToShow, req.useRTH, false));
          },
        },
        finish: (r) => {
          if (!this.unsettled.delete(job)) return;
          this.scheduler.clearTimeout(job.timer);
          this.jobs.delete(job.reqId);
          this.queue.complete(job.task);
          resolve(r);
        },
      };
      this.unsettled.add(job);
      this.queue.submit(job.task);
    });
  }

  attach(api: IBApi): () => void {
    const settle = (reqId: number, ticks: HistoricalTick[]) => this.jobs.get(reqId)?.finish(ok(ticks));
    const onLast = (reqId: number, ticks: HistoricalTickLast[]) => settle(reqId, toTradeTicks(ticks));
    const onBidAsk = (reqId: number, ticks: HistoricalTickBidAsk[]) => settle(reqId, toQuoteTicks(ticks));
    return attachListeners(api, [
      [EventName.historicalTicksLast, onLast],
      [EventName.historicalTicksBidAsk, onBidAsk],
    ]);
  }

  /** False when the reqId is not one of ours. */
  handleError(reqId: number, info: IbErrorInfo, text: string): boolean {
    const job = this.jobs.get(reqId);
    if (!job) return false;
    const noData = info.ibCode === 162 && /no data/i.test(text);
    if (info.level === 'info' && !noData) return true;
    if (noData) {
      job.finish(ok([]));
      return true;
    }
    this.jobs.delete(reqId);
    this.scheduler.clearTimeout(job.timer);
    if (info.ibCode === 162 && /pacing/i.test(text)) {
      this.pacingViolations++;
      this.queue.penalize(job.task);
    } else if (info.ibCode === 322) {
      this.queue.retryLater(job.task, this.pacingRetryMs);
    } else {
      job.finish(err(info.code, info.message, info.ibCode));
    }
    return true;
  }

  /** The queue re-sends in-flight tasks after a reconnect (with new ids). */
  connectionLost(): void {
    for (const job of this.jobs.values()) this.scheduler.clearTimeout(job.timer);
    this.jobs.clear();
  }

  dispose(): void {
    this.connectionLost();
    for (const job of [...this.unsettled]) job.finish(err('NOT_CONNECTED', 'The broker was shut down.'));
  }
}
