/**
 * One-shot requests: contract lookup (cached) and historical bars through the pacing-safe queue.
 * Both survive a reconnect: lookups fail fast with NOT_CONNECTED, historical tasks are re-sent.
 */
import { EventName, type BarSizeSetting, type IBApi, type WhatToShow } from '@stoqey/ib';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { Bar } from '../../src-shared/domain/bar';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { IbErrorInfo } from './error-map';
import type { HistoricalQueue, PacedTask } from './historical-queue';
import { toIbUtc } from './ib-time';
import type { IbLink } from './ib-link';
import { ContractLookups } from './contract-lookups';
import { isHistoricalEnd, toBar, toIbContract } from './parse';
import { countsAgainstCeiling, requestWeight } from './pacing-rules';
import { HISTORICAL_TIMEOUT, type HistoricalRequest } from './port';
import { attachListeners } from './ib-listeners';
import type { Scheduler, TimerHandle } from './scheduler';

interface Pending<T> {
  finish(r: Result<T>): void;
}
interface HistJob extends Pending<Bar[]> { task: PacedTask; bars: Bar[]; timer?: TimerHandle }

export interface RequestOptions {
  lookupTimeoutMs: number;
  historicalTimeoutMs: number;
  /** Wait after an unexpected 162 before re-sending. */
  pacingRetryMs: number;
}
export const DEFAULT_REQUEST_OPTIONS: RequestOptions = { lookupTimeoutMs: 10_000, historicalTimeoutMs: 60_000, pacingRetryMs: 16_000 };

export class RequestService {
  private readonly contracts: ContractLookups;
  private readonly hist = new Map<number, HistJob>();
  private readonly unsettled = new Set<HistJob>();
  /** Counts unexpected 162s: the scheduler should keep this at 0. */
  pacingViolations = 0;

  constructor(
    private readonly link: IbLink,
    private readonly queue: HistoricalQueue,
    private readonly scheduler: Scheduler,
    private readonly o: RequestOptions = DEFAULT_REQUEST_OPTIONS,
  ) {
    this.contracts = new ContractLookups(link, scheduler, o.lookupTimeoutMs);
  }

  resolve(raw: string): Promise<Result<Instrument>> {
    return this.contracts.resolve(raw);
  }

  frontMonth(root: string, today: string): Promise<Result<Instrument>> {
    return this.contracts.frontMonth(root, today);
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
        capped: countsAgainstCeiling(req.barSize, req.priority ?? 'interactive'),
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
    return this.contracts.inFlight;
  }

  attach(api: IBApi): () => void {
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
    const detachContracts = this.contracts.attach(api);
    const detachBars = attachListeners(api, [[EventName.historicalData, onBar]]);
    return () => {
      detachContracts();
      detachBars();
    };
  }

  /** False when the reqId is not one of ours. */
  handleError(reqId: number, info: IbErrorInfo, text: string): boolean {
    if (this.contracts.handleError(reqId, info)) return true;
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
    this.contracts.connectionLost();
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
