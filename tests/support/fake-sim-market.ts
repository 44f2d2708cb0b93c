/**
 * A tiny deterministic SimMarket for protocol tests: a handful of stocks, books and tapes driven by hand
 * (`trade`, `quote`, `depth`) or by an optional timer, and bars from a pure function of time.
 */
import type {
  SimBar, SimBarQuery, SimDepthOp, SimMarket, SimQuote, SimQuoteState, SimScanFilter, SimStock, SimTrade, Unsubscribe,
} from '../../src-main/sim/market/types';

type Listener<T> = (v: T) => void;

const STOCKS: SimStock[] = [
  { conId: 265598, symbol: 'AAPL', longName: 'APPLE INC', primaryExchange: 'NASDAQ', minTick: 0.01, prevClose: 190, avgDailyVolume: 55_000_000, floatShares: 15e9, industry: 'Technology', category: 'Computers' },
  { conId: 756733, symbol: 'SPY', longName: 'SPDR S&P 500 ETF TRUST', primaryExchange: 'ARCA', minTick: 0.01, prevClose: 520, avgDailyVolume: 70_000_000, floatShares: 9e8, industry: 'Funds', category: 'Equity Fund' },
  { conId: 272093, symbol: 'MSFT', longName: 'MICROSOFT CORP', primaryExchange: 'NASDAQ', minTick: 0.01, prevClose: 410, avgDailyVolume: 22_000_000, floatShares: 7.4e9, industry: 'Technology', category: 'Software' },
  { conId: 76792991, symbol: 'TSLA', longName: 'TESLA INC', primaryExchange: 'NASDAQ', minTick: 0.01, prevClose: 175, avgDailyVolume: 90_000_000, floatShares: 2.8e9, industry: 'Consumer, Cyclical', category: 'Auto Manufacturers' },
  { conId: 107113386, symbol: 'META', longName: 'META PLATFORMS INC-CLASS A', primaryExchange: 'NASDAQ', minTick: 0.01, prevClose: 480, avgDailyVolume: 15_000_000, floatShares: 2.2e9, industry: 'Communications', category: 'Internet' },
  { conId: 140070600, symbol: 'AMC', longName: 'AMC ENTERTAINMENT HLDS-CL A', primaryExchange: 'NYSE', minTick: 0.01, prevClose: 4.5, avgDailyVolume: 30_000_000, floatShares: 2.6e8, industry: 'Communications', category: 'Entertainment' },
];

interface Book {
  bids: SimDepthOp[];
  asks: SimDepthOp[];
}

export interface FakeSimMarketOptions {
  /** Simulated start (epoch ms). Default 2026-04-02 10:00 ET. */
  startTime?: number;
  /** Run a timer producing one quote, one trade and a few depth ops per symbol with listeners every `tickMs`. */
  tickMs?: number;
}

export class FakeSimMarket implements SimMarket {
  readonly stocks = STOCKS;
  private readonly t0 = Date.now();
  private readonly start: number;
  private readonly quotes = new Map<number, SimQuoteState>();
  private readonly books = new Map<string, Book>();
  private readonly depthL = new Map<string, Set<Listener<SimDepthOp>>>();
  private readonly tradeL = new Map<number, Set<Listener<SimTrade>>>();
  private readonly quoteL = new Map<number, Set<Listener<SimQuote>>>();
  private timer: NodeJS.Timeout | undefined;
  private step = 0;
  /** Simulated ms added by `advance` (tests jump the clock, e.g. from pre-market into regular hours). */
  private skew = 0;

  constructor(opts: FakeSimMarketOptions = {}) {
    this.start = opts.startTime ?? Date.UTC(2026, 3, 2, 14, 0, 0);
    for (const s of STOCKS) {
      const mid = s.prevClose * 1.02;
      this.quotes.set(s.conId, {
        bid: round(mid - 0.01), ask: round(mid + 0.01), bidSize: 300, askSize: 400, last: round(mid), lastSize: 100,
        lastTime: this.start - 1000, volume: 1_000_000, open: round(s.prevClose * 1.01), high: round(mid + 1), low: round(mid - 1),
        prevClose: s.prevClose, halted: false,
      });
    }
    if (opts.tickMs) this.timer = setInterval(() => this.auto(), opts.tickMs);
  }

  now(): number {
    return this.start + this.skew + (Date.now() - this.t0);
  }
  bySymbol(symbol: string) {
    return STOCKS.find((s) => s.symbol === symbol);
  }
  byConId(conId: number) {
    return STOCKS.find((s) => s.conId === conId);
  }
  quote(conId: number): SimQuoteState {
    const q = this.quotes.get(conId);
    if (!q) throw new Error(`unknown conId ${conId}`);
    return { ...q };
  }

  book(conId: number, rows: number, smart: boolean) {
    const b = this.bookOf(conId, smart);
    return { bids: b.bids.slice(0, rows).map((r, i) => ({ ...r, position: i, operation: 0 as const })), asks: b.asks.slice(0, rows).map((r, i) => ({ ...r, position: i, operation: 0 as const })) };
  }

  onDepth(conId: number, smart: boolean, listener: Listener<SimDepthOp>): Unsubscribe {
    return add(this.depthL, `${conId}|${smart}`, listener);
  }
  onTrade(conId: number, listener: Listener<SimTrade>): Unsubscribe {
    return add(this.tradeL, conId, listener);
  }
  onQuote(conId: number, listener: Listener<SimQuote>): Unsubscribe {
    return add(this.quoteL, conId, listener);
  }

  scan(filter: SimScanFilter): SimStock[] {
    const rows = STOCKS.filter((s) => {
      const q = this.quotes.get(s.conId)!;
      return (filter.priceAbove === undefined || q.last > filter.priceAbove) && (filter.priceBelow === undefined || q.last < filter.priceBelow) && (filter.volumeAbove === undefined || q.volume > filter.volumeAbove);
    });
    const gap = (s: SimStock) => this.quotes.get(s.conId)!.last / s.prevClose;
    if (filter.scanCode === 'TOP_PERC_GAIN' || filter.scanCode === 'HIGH_OPEN_GAP') rows.sort((a, b) => gap(b) - gap(a));
    else rows.sort((a, b) => b.avgDailyVolume - a.avgDailyVolume);
    return rows.slice(0, filter.rows);
  }

  bars(q: SimBarQuery): SimBar[] {
    const s = this.byConId(q.conId);
    if (!s) return [];
    const out: SimBar[] = [];
    const first = Math.ceil(q.start / q.barMs) * q.barMs;
    for (let t = first; t < q.end && out.length < 100_000; t += q.barMs) {
      if (t > this.now()) break;
      const base = s.prevClose + Math.sin(t / 3_600_000 + s.conId) * 2;
      const open = round(base);
      const close = round(base + 0.05);
      out.push({ time: t, open, high: round(base + 0.2), low: round(base - 0.2), close, volume: 1000, wap: round(base + 0.02), count: 10 });
    }
    return out;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  // ---- test drivers ----

  advance(ms: number): void {
    this.skew += ms;
  }

  trade(symbol: string, price: number, size: number, exchange = 'NASDAQ'): void {
    const s = this.bySymbol(symbol)!;
    const q = this.quotes.get(s.conId)!;
    const time = this.now();
    Object.assign(q, { last: price, lastSize: size, lastTime: time, volume: q.volume + size, high: Math.max(q.high, price), low: Math.min(q.low, price) });
    for (const l of this.tradeL.get(s.conId) ?? []) l({ time, price, size, exchange, conditions: '' });
  }

  setQuote(symbol: string, bid: number, ask: number, bidSize = 100, askSize = 100): void {
    const s = this.bySymbol(symbol)!;
    const q = this.quotes.get(s.conId)!;
    Object.assign(q, { bid, ask, bidSize, askSize });
    for (const l of this.quoteL.get(s.conId) ?? []) l({ time: this.now(), bid, ask, bidSize, askSize });
  }

  /** Applies one op with IB's shifting semantics to the (smart or direct) book and publishes it. */
  depth(symbol: string, smart: boolean, op: Omit<SimDepthOp, 'marketMaker'> & { marketMaker?: string }): void {
    const s = this.bySymbol(symbol)!;
    const full: SimDepthOp = { marketMaker: 'NSDQ', ...op };
    const b = this.bookOf(s.conId, smart);
    const rows = full.side === 1 ? b.bids : b.asks;
    if (full.operation === 0) rows.splice(full.position, 0, full);
    else if (full.operation === 1) rows[full.position] = full;
    else rows.splice(full.position, 1);
    for (const l of this.depthL.get(`${s.conId}|${smart}`) ?? []) l(full);
  }

  listenerCount(): number {
    let n = 0;
    for (const m of [this.depthL, this.tradeL, this.quoteL] as Array<Map<unknown, Set<unknown>>>) for (const set of m.values()) n += set.size;
    return n;
  }

  private bookOf(conId: number, smart: boolean): Book {
    const key = `${conId}|${smart}`;
    let b = this.books.get(key);
    if (!b) {
      const q = this.quotes.get(conId)!;
      const mm = smart ? ['ARCA', 'NSDQ', 'BATS', 'IEX', 'NYSE'] : ['NSDQ'];
      b = { bids: [], asks: [] };
      for (let i = 0; i < 10; i++) {
        b.bids.push({ position: i, operation: 0, side: 1, price: round(q.bid - i * 0.01), size: 100 * (i + 1), marketMaker: mm[i % mm.length] });
        b.asks.push({ position: i, operation: 0, side: 0, price: round(q.ask + i * 0.01), size: 100 * (i + 1), marketMaker: mm[i % mm.length] });
      }
      this.books.set(key, b);
    }
    return b;
  }

  private auto(): void {
    this.step++;
    for (const s of STOCKS) {
      const q = this.quotes.get(s.conId)!;
      if (this.tradeL.get(s.conId)?.size) this.trade(s.symbol, round(q.last + (this.step % 2 ? 0.01 : -0.01)), 100);
      if (this.quoteL.get(s.conId)?.size) this.setQuote(s.symbol, q.bid, q.ask, q.bidSize + (this.step % 3), q.askSize);
      for (const smart of [true, false]) {
        if (!this.depthL.get(`${s.conId}|${smart}`)?.size) continue;
        const b = this.bookOf(s.conId, smart);
        const side = (this.step % 2) as 0 | 1;
        const rows = side ? b.bids : b.asks;
        this.depth(s.symbol, smart, { position: 0, operation: 1, side, price: rows[0].price, size: 100 + (this.step % 7) * 10 });
      }
    }
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function add<K, T>(map: Map<K, Set<Listener<T>>>, key: K, l: Listener<T>): Unsubscribe {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(l);
  return () => set!.delete(l);
}

export function createFakeSimMarket(opts?: FakeSimMarketOptions): FakeSimMarket {
  return new FakeSimMarket(opts);
}
