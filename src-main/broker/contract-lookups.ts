/**
 * Contract lookups through reqContractDetails, cached per app key: a stock by ticker, a future's front
 * month by its root (every listed expiry is asked for, the nearest that has not expired is kept), or one
 * future by its local symbol (ESZ6, after a restart). Lookups fail fast with NOT_CONNECTED when the link
 * is down or drops; the caller may retry. A lookup IB never answers is asked once more under a fresh
 * reqId before it fails: IB drops a request it refuses with error 100 (too many messages) without naming it.
 */
import { EventName, type IBApi } from '@stoqey/ib';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { Symbol as TickerSymbol } from '../../src-shared/domain/brand';
import { futureRootFor, pickFrontMonth, rootOfLocalSymbol } from '../../src-shared/domain/futures';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { IbErrorInfo } from './error-map';
import type { IbLink } from './ib-link';
import { attachListeners } from './ib-listeners';
import { futureContract, futureExpiry, stockContract, toInstrument, type IbContract, type IbContractDetails } from './parse';
import type { Scheduler, TimerHandle } from './scheduler';

interface LookupJob {
  /** What was asked for, in the words of error messages ("AAPL", "front month of ES"). */
  label: string;
  /** The same as IB's 200 means it: "the symbol AAPL". */
  missing: string;
  found: IbContractDetails[];
  /** Turns everything IB listed into the one instrument wanted. */
  pick(found: IbContractDetails[]): Result<Instrument>;
  finish(r: Result<Instrument>): void;
}

/** One request, then one more after a timeout with no answer at all. */
const LOOKUP_ATTEMPTS = 2;

const notFound = (label: string) => err('NOT_FOUND', `IB does not know ${label}.`, 200);

/** A stock reply may list other currencies' listings: prefer USD. */
function pickStock(label: string) {
  return (found: IbContractDetails[]): Result<Instrument> => {
    const usd = found.find((d) => (d.contract.currency ?? 'USD') === 'USD') ?? found[0];
    const inst = usd && toInstrument(usd);
    return inst ? ok(inst) : notFound(label);
  };
}

/** The front month among everything listed for a root, as of the exchange date `today` (YYYYMMDD). */
export function pickFrontFuture(found: readonly IbContractDetails[], today: string, label: string): Result<Instrument> {
  const listed = found.flatMap((d) => {
    const lastTrade = futureExpiry(d);
    return lastTrade ? [{ lastTrade, d }] : [];
  });
  const front = pickFrontMonth(listed, today);
  const inst = front && toInstrument(front.d, 0.01);
  if (inst) return ok(inst);
  return listed.length > 0 ? err('NOT_FOUND', `Every listed ${label} contract has expired.`) : notFound(label);
}

export class ContractLookups {
  private readonly cache = new Map<string, Instrument>();
  private readonly inflight = new Map<string, Promise<Result<Instrument>>>();
  private readonly lookups = new Map<number, LookupJob>();

  constructor(
    private readonly link: IbLink,
    private readonly scheduler: Scheduler,
    private readonly timeoutMs: number,
  ) {}

  /** A stock by ticker, or a known future by local symbol (ESZ6): the app's key for an instrument. */
  resolve(raw: string): Promise<Result<Instrument>> {
    const parsed = TickerSymbol.safeParse(raw);
    if (!parsed.success) return Promise.resolve(err('INVALID_INPUT', `"${raw}" is not a ticker (expected e.g. AAPL or BRK B).`));
    const key = parsed.data;
    const root = rootOfLocalSymbol(key);
    if (root) return this.lookup(`fut:${key}`, key, `the future ${key}`, futureContract(futureRootFor(root), key), pickStock(`the future ${key}`));
    return this.lookup(key, key, `the symbol ${key}`, stockContract(key), pickStock(`the symbol ${key}`));
  }

  /** The front month of a future root (ES, 6E) as of `today` (YYYYMMDD, the exchange's date). */
  frontMonth(rootText: string, today: string): Promise<Result<Instrument>> {
    const root = futureRootFor(rootText);
    if (!/^[A-Z0-9]{1,4}$/.test(root.root)) return Promise.resolve(err('INVALID_INPUT', `"${rootText}" is not a futures root (e.g. ES, NQ, GC, 6E).`));
    const label = `${root.root} futures`;
    // Keyed by day: the front month rolls when its last trade date passes.
    return this.lookup(`front:${root.root}:${today}`, `front month of ${root.root}`, label, futureContract(root), (found) => pickFrontFuture(found, today, label));
  }

  private lookup(cacheKey: string, label: string, missing: string, contract: IbContract, pick: LookupJob['pick']): Promise<Result<Instrument>> {
    const cached = this.cache.get(cacheKey);
    if (cached) return Promise.resolve(ok(cached));
    if (!this.link.isUp()) return Promise.resolve(err('NOT_CONNECTED', `Not connected to IB: cannot look up ${label}.`));
    const existing = this.inflight.get(cacheKey);
    if (existing) return existing;
    const p = new Promise<Result<Instrument>>((resolve) => {
      let reqId = -1;
      let timer: TimerHandle | undefined;
      let attempts = 0;
      const send = () => {
        attempts++;
        this.lookups.delete(reqId);
        reqId = this.link.nextReqId();
        this.scheduler.clearTimeout(timer);
        timer = this.scheduler.setTimeout(() => {
          if (attempts < LOOKUP_ATTEMPTS && this.link.isUp()) return send();
          job.finish(err('INTERNAL', `IB did not answer the lookup of ${label}.`));
        }, this.timeoutMs);
        job.found = [];
        this.lookups.set(reqId, job);
        this.link.send((api) => api.reqContractDetails(reqId, contract));
      };
      const job: LookupJob = {
        label,
        missing,
        found: [],
        pick,
        finish: (r) => {
          this.scheduler.clearTimeout(timer);
          this.lookups.delete(reqId);
          this.inflight.delete(cacheKey);
          if (r.ok) {
            this.cache.set(cacheKey, r.value);
            // A future found by its root is then known by its own key too (charts and recordings use it).
            this.cache.set(r.value.secType === 'FUT' ? `fut:${r.value.symbol}` : r.value.symbol, r.value);
          }
          resolve(r);
        },
      };
      send();
    });
    this.inflight.set(cacheKey, p);
    return p;
  }

  get inFlight(): number {
    return this.lookups.size;
  }

  attach(api: IBApi): () => void {
    const onDetails = (reqId: number, d: IbContractDetails) => this.lookups.get(reqId)?.found.push(d);
    const onDetailsEnd = (reqId: number) => {
      const job = this.lookups.get(reqId);
      if (job) job.finish(job.pick(job.found));
    };
    return attachListeners(api, [
      [EventName.contractDetails, onDetails],
      [EventName.contractDetailsEnd, onDetailsEnd],
    ]);
  }

  /** False when the reqId is not a lookup of ours. */
  handleError(reqId: number, info: IbErrorInfo): boolean {
    const job = this.lookups.get(reqId);
    if (!job) return false;
    job.finish(info.ibCode === 200 ? notFound(job.missing) : err(info.code, info.message, info.ibCode));
    return true;
  }

  connectionLost(): void {
    for (const job of [...this.lookups.values()]) job.finish(err('NOT_CONNECTED', `Connection to IB lost while looking up ${job.label}.`));
  }
}
