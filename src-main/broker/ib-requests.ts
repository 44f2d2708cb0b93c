/**
 * One-shot requests: contract lookup (cached) and historical bars through the pacing-safe queue.
 * Both survive a reconnect: lookups fail fast with NOT_CONNECTED, historical tasks are re-sent.
 */
import { EventName, type BarSizeSetting, type IBApi, type WhatToShow } from '@stoqey/ib';
import { Symbol as TickerSymbol } from '../../src-shared/domain/brand';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { Bar } from '../../src-shared/domain/bar';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { IbErrorInfo } from './error-map';
import type { HistoricalQueue, PacedTask } from './historical-queue';
import { toIbUtc } from './ib-time';
import type { IbLink } from './ib-link';
import { isHistoricalEnd, stockContract, toBar, toIbContract, toInstrument, type IbContractDetails } from './parse';
import { requestWeight } from './pacing-rules';
import { HISTORICAL_TIMEOUT, type HistoricalRequest } from './port';
import { attachListeners } from './ib-listeners';
import type { Scheduler, TimerHandle } from './scheduler';

interface Pending<T> {
  finish(r: Result<T>): void;
}
interface LookupJob extends Pending<Instrument> { symbol: string; found: IbContractDetails[] }
interface HistJob extends Pending<Bar[]> { task: PacedTask; bars: Bar[]; timer?: TimerHandle }

export interface RequestOptions {
  lookupTimeoutMs: number;
  historicalTimeoutMs: number;
  /** Wait after an unexpected 162 before re-sending. */
  pacingRetryMs: number;
}
export const DEFAULT_REQUEST_OPTIONS: RequestOptions = { lookupTimeoutMs: 10_000, historicalTimeoutMs: 60_000, pacingRetryMs: 16_000 };

export class RequestService {
  private readonly cache = new Map<string, Instrument>();
  private readonly inflight = new Map<string, Promise<Result<Instrument>>>();
  private readonly lookups = new Map<number, LookupJob>();
  private readonly hist = new Map<number, HistJob>();
  private readonly unsettled = new Set<HistJob>();
  /** Counts unexpected 162s: the scheduler should keep this at 0. */
  pacingViolations = 0;

  constructor(
    private readonly link: IbLink,
    private readonly queue: HistoricalQueue,
    private readonly scheduler: Scheduler,
    private readonly o: RequestOptions = DEFAULT_REQUEST_OPTIONS,
  ) {}

  resolve(raw: string): Promise<Result<Instrument>> {
    const parsed = TickerSymbol.safeParse(raw);
    if (!parsed.success) return Promise.resolve(err('INVALID_INPUT', `"${raw}" is not a ticker (expected e.g. AAPL or BRK B).`));
    const symbol = parsed.data;
    const cached = this.cache.get(symbol);
    if (cached) return Promise.resolve(ok(cached));
    if (!this.link.isUp()) return Promise.resolve(err('NOT_CONNECTED', `Not connected to IB: cannot look up ${symbol}.`));
    const existing = this.inflight.get(symbol);
    if (existing) return existing;
    const p = new Promise<Result<Instrument>>((resolve) => {
      const reqId = this.link.nextReqId();
      const timer = this.scheduler.setTimeout(() => job.finish(err('INTERNAL', `IB did not answer the lookup of ${symbol}.`)), this.o.lookupTimeoutMs);
      const job: LookupJob = {
        symbol,
        found: [],
        finish: (r) => {
          this.scheduler.clearTimeout(timer);
          this.lookups.delete(reqId);
          this.inflight.delete(symbol);
          if (r.ok) this.cache.set(symbol, r.value);
          resolve(r);
        },
      };
      this.lookups.set(reqId, job);
      this.link.send((api) => api.reqContractDetails(reqId, stockContract(symbol)));
    });
    this.inflight.set(symbol, p);
    return p;
  }

  historicalBars(req: HistoricalRequest): Promise<Result<Bar[]>> {
    if (!this.link.isUp()) return Promise.resolve(err('NOT_CONNECTED', 'Not connected to IB: historical bars are unavailable.'));
    const c = toIbContract(req.instrument);
    const end = req.end === undefined ? '' : toIbUtc(req.end);
    const identity = [c.conId, c.exchange, end, req.duration, req.barSize, req.whatToShow, req.useRTH].join('|');
    return new Promise((resolve) => {
      const job: HistJob = {
        bars: [],
        finish: (r) => {
          if (!this.unsettled.delete(job)) return;
          this.scheduler.clearTimeout(job.timer);
          this.queue.complete(task);
          resolve(r);
        },
        task: undefined as unknown as PacedTask,
      };
      const task: PacedTask = {
        identity,
        group: [c.conId, c.exchange, req.whatToShow].join('|'),
        weight: requestWeight(req.whatToShow),
        priority: req.priority ?? 'interactive',
        run: () => {
          const reqId = this.link.nextReqId();
          job.bars = [];
          this.hist.set(reqId, job);
          this.scheduler.clearTimeout(job.timer);
          job.timer = this.scheduler.setTimeout(() => {
            this.hist.delete(reqId);
            // IB still counts it open until cancelled; a late 366 for this id is then ignored.
            this.link.send((api) => api.cancelHistoricalData(reqId));
            job.finish(err('INTERNAL', `${HISTORICAL_TIMEOUT} for ${req.instrument.symbol}.`));
          }, req.timeoutMs ?? this.o.historicalTimeoutMs);
          this.link.send((api) =>
            api.reqHistoricalData(reqId, c, end, req.duration, req.barSize as BarSizeSetting, req.whatToShow as WhatToShow, req.useRTH, 2, false),
          );
        },
      };
      job.task = task;
      this.unsettled.add(job);
      this.queue.submit(task);
    });
  }

  get lookupsInFlight(): number {
    return this.lookups.size;
  }

  attach(api: IBApi): () => void {
    const onDetails = (reqId: number, d: IbContractDetails) => this.lookups.get(reqId)?.found.push(d);
    const onDetailsEnd = (reqId: number) => {
      const job = this.lookups.get(reqId);
      if (!job) return;
      const usd = job.found.find((d) => (d.contract.currency ?? 'USD') === 'USD') ?? job.found[0];
      const inst = usd && toInstrument(usd);
      job.finish(inst ? ok(inst) : err('NOT_FOUND', `IB does not know the symbol ${job.symbol}.`, 200));
    };
    const onBar = (reqId: number, time: string, o: number, h: number, l: number, c: number, v: number, n: number | undefined, wap: number) => {
      const job = this.hist.get(reqId);
      if (!job) return;
      if (isHistoricalEnd(time)) {
        this.hist.delete(reqId);
        job.finish(ok(job.bars));
        return;
      }
      const bar = toBar(time, o, h, l, c, v, n, wap);
      if (bar) job.bars.push(bar);
    };
    return attachListeners(api, [
      [EventName.contractDetails, onDetails],
      [EventName.contractDetailsEnd, onDetailsEnd],
      [EventName.historicalData, onBar],
    ]);
  }

  /** False when the reqId is not one of ours. */
  handleError(reqId: number, info: IbErrorInfo, text: string): boolean {
    const lookup = this.lookups.get(reqId);
    if (lookup) {
      lookup.finish(err(info.ibCode === 200 ? 'NOT_FOUND' : info.code, info.ibCode === 200 ? `IB does not know the symbol ${lookup.symbol}.` : info.message, info.ibCode));
      return true;
    }
    const job = this.hist.get(reqId);
    if (!job) return false;
    const noData = info.ibCode === 162 && /no data/i.test(text);
    if (info.level === 'info' && !noData) return true; // a warning about the request, not its end
    this.hist.delete(reqId);
    if (noData) {
      job.finish(ok([]));
    } else if (info.ibCode === 162 && /pacing/i.test(text)) {
      this.pacingViolations++;
      this.scheduler.clearTimeout(job.timer);
      this.queue.penalize(job.task);
    } else if (info.ibCode === 322) {
      // "Error processing request" (e.g. too many simultaneous requests): not the request's fault, wait.
      this.scheduler.clearTimeout(job.timer);
      this.queue.retryLater(job.task, this.o.pacingRetryMs);
    } else {
      job.finish(err(info.code, info.message, info.ibCode));
    }
    return true;
  }

  /** The socket died: lookups fail (the caller may retry), historical tasks are re-sent by the queue. */
  connectionLost(): void {
    for (const job of [...this.lookups.values()]) job.finish(err('NOT_CONNECTED', `Connection to IB lost while looking up ${job.symbol}.`));
    for (const job of this.hist.values()) this.scheduler.clearTimeout(job.timer);
    this.hist.clear();
    this.queue.pause();
  }

  /** Settles every unanswered request so no caller waits forever. */
  dispose(): void {
    this.connectionLost();
    this.queue.drain();
    for (const job of [...this.unsettled]) job.finish(err('NOT_CONNECTED', 'The broker was shut down.'));
  }
}
