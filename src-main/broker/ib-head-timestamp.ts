/**
 * reqHeadTimestamp: the first instant IB has data for a contract. It goes through the same pacing gate as
 * the bars (IB counts it against historical pacing), so a backfill's clamping can never cause a 162.
 */
import { EventName, type IBApi, type WhatToShow } from '@stoqey/ib';
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { HeadTimestampRequest } from './port';
import type { IbErrorInfo } from './error-map';
import type { HistoricalQueue, PacedTask } from './historical-queue';
import type { IbLink } from './ib-link';
import { attachListeners } from './ib-listeners';
import { toIbContract } from './parse';
import type { Scheduler, TimerHandle } from './scheduler';

export type { HeadTimestampRequest } from './port';

interface HeadJob { task: PacedTask; timer?: TimerHandle; finish(r: Result<number>): void }

/** "1700000000" (formatDate 2) or "20240102-09:30:00" → epoch ms. */
export function parseHeadTimestamp(text: string): number | undefined {
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  return undefined;
}

export class HeadTimestampRequests {
  private readonly jobs = new Map<number, HeadJob>();
  private readonly unsettled = new Set<HeadJob>();

  constructor(
    private readonly link: IbLink,
    private readonly queue: HistoricalQueue,
    private readonly scheduler: Scheduler,
    private readonly timeoutMs = 30_000,
  ) {}

  request(req: HeadTimestampRequest): Promise<Result<number>> {
    if (!this.link.isUp()) return Promise.resolve(err('NOT_CONNECTED', 'Not connected to IB: the first data date is unavailable.'));
    const c = toIbContract(req.instrument);
    return new Promise((resolve) => {
      let reqId = -1;
      const job: HeadJob = {
        task: {
          identity: ['head', c.conId, req.whatToShow, req.useRTH].join('|'),
          group: [c.conId, c.exchange, req.whatToShow].join('|'),
          weight: 1,
          priority: req.priority ?? 'interactive',
          run: () => {
            reqId = this.link.nextReqId();
            this.jobs.set(reqId, job);
            job.timer = this.scheduler.setTimeout(() => job.finish(err('INTERNAL', `IB did not say when ${req.instrument.symbol}'s data starts.`)), this.timeoutMs);
            this.link.send((api) => api.reqHeadTimestamp(reqId, c, req.whatToShow as WhatToShow, req.useRTH, 2));
          },
        },
        finish: (r) => {
          if (!this.unsettled.delete(job)) return;
          this.scheduler.clearTimeout(job.timer);
          this.jobs.delete(reqId);
          this.queue.complete(job.task);
          resolve(r);
        },
      };
      this.unsettled.add(job);
      this.queue.submit(job.task);
    });
  }

  attach(api: IBApi): () => void {
    const onHead = (reqId: number, text: string) => {
      const job = this.jobs.get(reqId);
      if (!job) return;
      const t = parseHeadTimestamp(text);
      job.finish(t === undefined ? err('INTERNAL', `IB sent an unreadable first data date "${text}".`) : ok(t));
    };
    return attachListeners(api, [[EventName.headTimestamp, onHead]]);
  }

  handleError(reqId: number, info: IbErrorInfo): boolean {
    const job = this.jobs.get(reqId);
    if (!job) return false;
    if (info.level === 'info') return true;
    job.finish(err(info.code, info.message, info.ibCode));
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
