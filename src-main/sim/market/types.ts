/**
 * The simulator's market model as the protocol layer sees it. `src-main/sim/market/` implements it
 * (seeded, deterministic); `src-main/sim/server.ts` and `src-main/sim/services/` consume it to answer
 * TWS requests. Prices are in dollars, sizes in shares, times in epoch ms of the simulated clock.
 */

/** What makes an instrument of the market a future (absent on stocks). */
export interface SimFuture {
  /** The root traders type and IB's trading class (6E). */
  root: string;
  /** IB's symbol of the underlying (EUR for 6E). */
  ibSymbol: string;
  exchange: 'CME' | 'COMEX';
  multiplier: number;
  /** YYYYMMDD. */
  lastTradeDate: string;
  /** YYYYMM. */
  contractMonth: string;
  /** ESZ6: also the instrument's `symbol`. */
  localSymbol: string;
}

export interface SimStock {
  conId: number;
  /** The ticker; a future's local symbol (ESZ6). */
  symbol: string;
  longName: string;
  primaryExchange: 'NASDAQ' | 'NYSE' | 'ARCA' | 'AMEX' | 'CME' | 'COMEX';
  minTick: number;
  /** Official previous regular-session close, split-adjusted. */
  prevClose: number;
  /** Average daily share volume over recent sessions. */
  avgDailyVolume: number;
  /** Shares in the float. */
  floatShares: number;
  industry: string;
  category: string;
  /** Set on futures, which trade like any instrument of the market but never appear in a stock scan. */
  future?: SimFuture;
}

/** One depth operation with IB's row-shifting semantics. side 0 ask, 1 bid; operation 0 insert, 1 update, 2 delete. */
export interface SimDepthOp {
  position: number;
  operation: 0 | 1 | 2;
  side: 0 | 1;
  price: number;
  size: number;
  /** Market maker / exchange code for SMART (L2) depth. */
  marketMaker: string;
}

export interface SimTrade {
  time: number;
  price: number;
  size: number;
  exchange: string;
  conditions: string;
}

export interface SimQuote {
  time: number;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
}

export interface SimQuoteState {
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
  last: number;
  lastSize: number;
  lastTime: number;
  /** Cumulative volume today (premarket included). */
  volume: number;
  open: number | null;
  high: number;
  low: number;
  prevClose: number;
  halted: boolean;
}

export interface SimBar {
  /** Bar open, epoch ms. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

export interface SimBarQuery {
  conId: number;
  /** Window end (exclusive), epoch ms. */
  end: number;
  /** Window start (inclusive), epoch ms. */
  start: number;
  barMs: number;
  whatToShow: 'TRADES' | 'MIDPOINT' | 'BID_ASK' | 'BID' | 'ASK';
  /** Regular trading hours only (09:30-16:00 ET). */
  useRTH: boolean;
}

/** A window of historical prints (reqHistoricalTicks). */
export interface SimTickQuery {
  conId: number;
  /** First instant (inclusive), epoch ms. */
  start: number;
  /** Prints to return before the last one's second is completed (IB's numberOfTicks). */
  count: number;
  useRTH: boolean;
}

/** One historical print with the quote around it, prices in dollars, time in epoch ms. */
export interface SimTickPrint {
  time: number;
  price: number;
  size: number;
  exchange: string;
  bid: number;
  ask: number;
  bidSize: number;
  askSize: number;
}

export interface SimScanFilter {
  scanCode: string;
  rows: number;
  priceAbove?: number;
  priceBelow?: number;
  volumeAbove?: number;
}

export type Unsubscribe = () => void;

export interface SimMarket {
  /** Simulated now (epoch ms); runs at `speed` × real time from the configured start. */
  now(): number;
  readonly stocks: readonly SimStock[];
  /** Listed futures (every expiry of every root); absent on markets without them. */
  readonly futures?: readonly SimStock[];
  bySymbol(symbol: string): SimStock | undefined;
  byConId(conId: number): SimStock | undefined;
  quote(conId: number): SimQuoteState;
  /** Current book, best first, for the initial inserts of a depth subscription. */
  book(conId: number, rows: number, smart: boolean): { bids: SimDepthOp[]; asks: SimDepthOp[] };
  /** Depth operations as they happen (activates the book process for that symbol while subscribed). */
  onDepth(conId: number, smart: boolean, listener: (op: SimDepthOp) => void): Unsubscribe;
  onTrade(conId: number, listener: (trade: SimTrade) => void): Unsubscribe;
  onQuote(conId: number, listener: (quote: SimQuote) => void): Unsubscribe;
  /** Ranked stocks for a scan code with filters applied (rank 0 first). */
  scan(filter: SimScanFilter): SimStock[];
  /** Historical bars consistent with what was streamed. */
  bars(query: SimBarQuery): SimBar[];
  /** Historical prints from the same minutes (optional: replay-only markets need not serve them). */
  historicalTicks?(query: SimTickQuery): SimTickPrint[];
  /** Stops timers. */
  dispose(): void;
}

export interface SimMarketOptions {
  seed: number;
  /** Clock speed multiplier (1 = real time). */
  speed: number;
  /** Simulated start instant (epoch ms); default: today 08:00 ET when run before 09:30, else now. */
  startTime?: number;
  /** Number of stocks in the universe (default a few hundred). */
  universeSize?: number;
  /**
   * Symbols whose book and tape are driven from a file instead of the model, as if live:
   * an IB depth-ops CSV (../shared/fixtures/depth/*_ib_depth_ops.csv layout) or a recorded Tapedeck session folder.
   */
  replay?: Array<{ symbol: string; path: string; loop?: boolean }>;
}

/** Knobs of the built-in market model beyond SimMarketOptions (tests and benchmarks). */
export interface SimMarketTuning {
  /** Real-time source the simulated clock scales (default Date.now); tests pass a ManualClock. */
  realClock?: { now(): number };
  /** Market-maker actions per simulated second for an active symbol at average activity (default 50). */
  depthRate?: number;
  /** Period of the shared ticker in real ms (default 25). */
  tickMs?: number;
  /** Build today's minutes of every stock in the background after creation (default true). */
  warmUp?: boolean;
}
