/**
 * What the rest of the app may ask of the broker. Services (scanner, recorder, charts…) depend on this
 * interface only; `src-main/broker/ib-broker.ts` implements it over @stoqey/ib, and unit tests may use a fake.
 * Every subscription is owned by its caller and survives reconnects: after 1101 or a socket loss the broker
 * re-requests it with a fresh reqId and tells the owner about the gap.
 */
import type { AppError, Result } from '../../src-shared/contract/result';
import type { BrokerStatus } from '../../src-shared/contract/features/broker';
import type { Bar } from '../../src-shared/domain/bar';
import type { OrderBookDelta, QuoteTick, TradeTick } from '../../src-shared/domain/depth';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { Disposable } from '../platform/disposable';

export interface Subscription extends Disposable {
  /** The IB reqId currently serving this subscription (changes on resubscribe). */
  readonly reqId: number;
}

/** Callbacks every subscription owner receives besides its data. */
export interface StreamOwner {
  /** The stream stopped delivering (disconnect, 1100); `start` is the last moment data was live. */
  onPause?(info: { start: number; reason: string }): void;
  /** The stream is live again with a new reqId; the gap ran from `start` to `end` (epoch ms). */
  onResume?(info: { start: number; end: number; reqId: number; dataLost: boolean }): void;
  /** A terminal error for this subscription (e.g. 309 depth cap, 10092 no depth, 200 unknown symbol). */
  onError?(error: AppError): void;
}

export interface DepthOwner extends StreamOwner {
  onDelta(delta: OrderBookDelta): void;
  /** IB 317: the book must be cleared (the gateway will resend it). */
  onReset?(): void;
}

/**
 * What serves a tape: IB's tick-by-tick stream (every print and quote), or, past IB's tick-by-tick cap, one
 * reqMktData line with RT_VOLUME (generic tick 233): every trade with its size and time, but quotes sampled.
 */
export type TapeSource = 'tick-by-tick' | 'rt-volume';

export interface TapeOwner extends StreamOwner {
  onTrade?(tick: TradeTick): void;
  onQuote?(tick: QuoteTick): void;
  /**
   * The source serving this tape changed (tick-by-tick is the initial one and is not announced): e.g.
   * 'rt-volume' with "IB's tick-by-tick limit (3) reached", or back to 'tick-by-tick' when a slot frees.
   */
  onSource?(source: TapeSource, reason: string): void;
}

/** Streaming top-of-book + session stats from reqMktData (sampled, not every tick). */
export interface QuoteSnapshot {
  bid?: number;
  ask?: number;
  bidSize?: number;
  askSize?: number;
  last?: number;
  lastSize?: number;
  /** Today's cumulative volume in shares. */
  volume?: number;
  open?: number;
  high?: number;
  low?: number;
  /** IB's "close" tick: the previous session's close. */
  prevClose?: number;
  halted?: boolean;
  /** Epoch ms of the last trade when known (tick 45). */
  lastTime?: number;
}

export interface QuoteOwner extends StreamOwner {
  onQuote(update: QuoteSnapshot): void;
}

export interface ScannerRequest {
  /** IB scan code name, e.g. TOP_PERC_GAIN, HOT_BY_VOLUME, MOST_ACTIVE. */
  scanCode: string;
  rows: number;
  priceAbove?: number;
  priceBelow?: number;
  volumeAbove?: number;
  locationCode?: string;
  instrument?: string;
}

export interface ScannerOwner extends StreamOwner {
  /** A full ranked snapshot (rank 0 first); IB resends it periodically. */
  onRows(rows: Array<{ rank: number; instrument: Instrument }>): void;
}

/** The start of a timeout's message: a caller that can split its window (backfill) does so on it. */
export const HISTORICAL_TIMEOUT = 'IB did not answer the historical request in time';
export const isHistoricalTimeout = (message: string): boolean => message.startsWith(HISTORICAL_TIMEOUT);

export interface HistoricalRequest {
  instrument: Instrument;
  /** End of the window in epoch ms; undefined = now. */
  end?: number;
  /** IB duration string, e.g. "1 D", "5 D", "3600 S". */
  duration: string;
  /** IB bar size setting, e.g. "1 min", "5 mins", "1 day". */
  barSize: string;
  whatToShow: 'TRADES' | 'MIDPOINT' | 'BID_ASK';
  useRTH: boolean;
  /** 'interactive' (default: charts, scanner) goes ahead of 'background' (backfill jobs). */
  priority?: 'interactive' | 'background';
  /** Overrides the broker's historical timeout (backfill splits a window that times out). */
  timeoutMs?: number;
}

export interface HeadTimestampRequest {
  instrument: Instrument;
  whatToShow: 'TRADES' | 'MIDPOINT' | 'BID_ASK';
  useRTH: boolean;
  priority?: 'interactive' | 'background';
}

/** reqHistoricalTicks walking forward from `start`: IB answers `count` (≤ 1,000) ticks, plus the rest of the last second. */
export interface HistoricalTicksRequest {
  instrument: Instrument;
  /** First instant wanted, epoch ms (IB resolves to the second). */
  start: number;
  count: number;
  whatToShow: 'TRADES' | 'BID_ASK';
  useRTH: boolean;
  priority?: 'interactive' | 'background';
  timeoutMs?: number;
}

/** A historical print (TRADES) or quote (BID_ASK); `time` is epoch ms at IB's one-second resolution. */
export type HistoricalTick =
  | { kind: 'trade'; time: number; price: number; size: number; exchange: string; conditions: string }
  | { kind: 'quote'; time: number; bid: number; ask: number; bidSize: number; askSize: number };

/** What a backfill needs from IB: lookups, bars and the first data date, all through the one pacing gate. */
export interface HistoricalPort {
  resolve(symbol: string): Promise<Result<Instrument>>;
  historicalBars(request: HistoricalRequest): Promise<Result<Bar[]>>;
  headTimestamp(request: HeadTimestampRequest): Promise<Result<number>>;
  /** Optional so ports that never serve ticks need not change; backfill refuses tick jobs without it. */
  historicalTicks?(request: HistoricalTicksRequest): Promise<Result<HistoricalTick[]>>;
}

export interface BarOwner extends StreamOwner {
  onBar(bar: Bar): void;
}

/** Futures by root, kept apart from BrokerPort so its existing implementations need not change. */
export interface FutureResolver {
  /**
   * The front month of a futures root (ES, NQ, GC, 6E): every listed expiry from contract details, the
   * nearest whose last trade date is today (ET) or later. Its `symbol` is the local symbol (ESZ6), which
   * `BrokerPort.resolve` then knows too.
   */
  frontMonth(root: string): Promise<Result<Instrument>>;
}

export interface BrokerPort {
  status(): BrokerStatus;
  onStatus(listener: (status: BrokerStatus) => void): Disposable;
  /**
   * Resolves a ticker to a US stock (SMART, USD), or a future's local symbol of a known root (ESZ6) to
   * that future. NOT_FOUND when IB does not know it.
   */
  resolve(symbol: string): Promise<Result<Instrument>>;
  subscribeQuotes(instrument: Instrument, owner: QuoteOwner): Subscription;
  subscribeDepth(instrument: Instrument, options: { rows: number; smart: boolean }, owner: DepthOwner): Subscription;
  subscribeTape(instrument: Instrument, kind: 'AllLast' | 'BidAsk', owner: TapeOwner): Subscription;
  subscribeScanner(request: ScannerRequest, owner: ScannerOwner): Subscription;
  subscribeRealtimeBars(instrument: Instrument, owner: BarOwner): Subscription;
  /** Historical bars through the pacing-safe scheduler: never triggers IB error 162. */
  historicalBars(request: HistoricalRequest): Promise<Result<Bar[]>>;
}
