import { buildBars } from './bars';
import { historicalPrints } from './historical-prints';
import { etDay, etTime, isWeekday, prevWeekday } from './et-time';
import { Listeners } from './listeners';
import { LiveSymbol } from './live-symbol';
import { ReplayProcess } from './replay-process';
import { loadReplaySource } from './replay-source';
import { rankScan, toCandidate } from './scanner';
import { Tape } from './tape';
import type {
  SimBar, SimBarQuery, SimDepthOp, SimMarket, SimMarketOptions, SimMarketTuning, SimQuote, SimQuoteState,
  SimScanFilter, SimStock, SimTickPrint, SimTickQuery, SimTrade, Unsubscribe,
} from './types';
import { type StockModel, createUniverse, minTickFor } from './universe';
import { hashSeed } from './rng';
import { SlicedWarmUp } from './warm-up';
import { createFutures } from './futures';

const DEFAULT_DEPTH_RATE = 50;
const DEFAULT_TICK_MS = 25;
/** Sessions averaged into avgDailyVolume (and the RVOL baseline). */
const ADV_SESSIONS = 20;

/** Default start: 08:00 ET today before 09:30 on a weekday, the last Friday 08:00 on weekends, else now. */
export function defaultStartTime(realNow: number): number {
  const day = etDay(realNow);
  if (!isWeekday(day)) return etTime(prevWeekday(day), 8 * 60);
  return realNow < etTime(day, 9 * 60 + 30) ? etTime(day, 8 * 60) : realNow;
}

const dollars = (tick: number) => {
  // Decimals of the tick itself (0.00005 for 6E needs 5), at least cents.
  const dec = Math.max(tick < 0.01 ? 4 : 2, Math.ceil(-Math.log10(tick) - 1e-9));
  return (ticks: number): number => Number((ticks * tick).toFixed(dec));
};

interface ReplaySymbol {
  proc: ReplayProcess;
  listeners: Listeners;
}

class ModelMarket implements SimMarket {
  readonly stocks: SimStock[];
  readonly futures: SimStock[];
  private readonly models = new Map<number, StockModel>();
  private readonly symbols = new Map<string, StockModel>();
  private readonly tape: Tape;
  private readonly live = new Map<number, LiveSymbol>();
  private readonly replays = new Map<number, ReplaySymbol>();
  private readonly realClock: { now(): number };
  private readonly realStart: number;
  private readonly simStart: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly warmUp: SlicedWarmUp;
  private disposed = false;

  constructor(private readonly o: SimMarketOptions & SimMarketTuning) {
    this.realClock = o.realClock ?? { now: () => Date.now() };
    this.realStart = this.realClock.now();
    this.simStart = o.startTime ?? defaultStartTime(this.realStart);
    const universe = createUniverse(o.seed, o.universeSize);
    this.tape = new Tape(o.seed, this.anchorDay());
    for (const m of universe) this.register(m);
    for (const r of o.replay ?? []) this.addReplay(r.symbol, r.path, r.loop ?? false);
    this.stocks = [...this.models.values()].map((m) => m.stock);
    const futures = createFutures(o.seed, this.tape.anchorDay);
    for (const m of futures) this.register(m);
    this.futures = futures.map((m) => m.stock);
    // The first scan needs today's minutes of every stock: build them in the background meanwhile.
    const today = this.tape.sessionDay(this.simStart);
    this.warmUp = new SlicedWarmUp(universe.map((m) => () => void this.tape.path(m, today)));
    if (o.warmUp ?? true) this.warmUp.start();
  }

  private anchorDay(): number {
    const d = etDay(this.simStart);
    return isWeekday(d) ? d : prevWeekday(d);
  }

  private register(m: StockModel): void {
    // The published average is the mean of the modelled previous sessions, so daily RVOL ≈ 1 on a normal day.
    let day = this.tape.anchorDay;
    let sum = 0;
    for (let n = 0; n < ADV_SESSIONS; n++) sum += this.tape.facts(m, (day = prevWeekday(day)))!.volumeTarget;
    m.stock.avgDailyVolume = Math.round(sum / ADV_SESSIONS);
    this.models.set(m.stock.conId, m);
    this.symbols.set(m.stock.symbol, m);
  }

  private addReplay(symbol: string, path: string, loop: boolean): void {
    const source = loadReplaySource(symbol, path);
    let m = this.symbols.get(source.symbol);
    if (!m) {
      const first = source.ops.find((op) => op.side === 1)?.price ?? source.ops[0]?.price ?? 10;
      const tick = minTickFor(first);
      const stock: SimStock = {
        conId: 900_000_000 + (hashSeed(...[...source.symbol].map((c) => c.charCodeAt(0))) % 90_000_000),
        symbol: source.symbol, longName: `${source.symbol} (REPLAY)`, primaryExchange: 'NASDAQ', minTick: tick,
        prevClose: first, avgDailyVolume: 1_000_000, floatShares: 50_000_000, industry: 'Replay', category: 'Replay',
      };
      m = { stock, sigmaDaily: 0.02, spreadTicks: 1, tradeSize: 100, baseVolume: 1_000_000, isGapper: false,
        today: { gap: 0, volumeMult: 1, premarketShare: 0.03, newsMinute: -1 } };
      this.register(m);
    }
    this.replays.set(m.stock.conId, { proc: new ReplayProcess(source, this.simStart, loop), listeners: new Listeners() });
  }

  now(): number {
    return this.simStart + (this.realClock.now() - this.realStart) * this.o.speed;
  }

  bySymbol(symbol: string): SimStock | undefined {
    return this.symbols.get(symbol.toUpperCase())?.stock;
  }

  byConId(conId: number): SimStock | undefined {
    return this.models.get(conId)?.stock;
  }

  private model(conId: number): StockModel {
    const m = this.models.get(conId);
    if (!m) throw new Error(`unknown conId ${conId}`);
    return m;
  }

  /** The live process of a model symbol, created (and the ticker started) on first need. */
  private liveFor(conId: number): LiveSymbol {
    let s = this.live.get(conId);
    if (!s) {
      const m = this.model(conId);
      s = new LiveSymbol(m, this.tape, this.now(), this.o.depthRate ?? DEFAULT_DEPTH_RATE, this.o.seed, dollars(m.stock.minTick));
      this.live.set(conId, s);
      this.ensureTicker();
    }
    return s;
  }

  private replayFor(conId: number): ReplaySymbol | undefined {
    const r = this.replays.get(conId);
    if (r) r.proc.advance(this.now(), r.listeners.count ? r.listeners : null);
    return r;
  }

  private listenersFor(conId: number): Listeners {
    const r = this.replayFor(conId);
    if (r) {
      this.ensureTicker();
      return r.listeners;
    }
    return this.liveFor(conId).listeners;
  }

  quote(conId: number): SimQuoteState {
    const m = this.model(conId);
    const now = this.now();
    const s = this.tape.stateAt(m, now);
    const px = dollars(m.stock.minTick);
    const r = this.replayFor(conId);
    const base = {
      last: px(s.lastTicks), lastSize: s.lastSize, lastTime: s.lastTime, volume: s.volume,
      open: s.openTicks === null ? null : px(s.openTicks), high: px(s.highTicks), low: px(s.lowTicks),
      prevClose: px(s.prevCloseTicks), halted: false,
    };
    let q: SimQuote;
    if (r) {
      q = r.proc.quoteAt(now);
      const t = r.proc.last;
      if (t) Object.assign(base, { last: t.price, lastSize: t.size, lastTime: t.time });
    } else if (this.live.has(conId)) {
      q = this.live.get(conId)!.quoteAt(now);
    } else {
      const down = Math.floor(m.spreadTicks / 2);
      q = { time: now, bid: px(s.lastTicks - down), ask: px(s.lastTicks - down + Math.max(1, m.spreadTicks)), bidSize: m.tradeSize * 3, askSize: m.tradeSize * 3 };
    }
    return { ...base, bid: q.bid, ask: q.ask, bidSize: q.bidSize, askSize: q.askSize };
  }

  book(conId: number, rows: number, smart: boolean): { bids: SimDepthOp[]; asks: SimDepthOp[] } {
    const r = this.replayFor(conId);
    if (r) return r.proc.snapshot(rows);
    const s = this.liveFor(conId);
    s.advance(this.now());
    return s.book.sides.snapshot(rows, smart);
  }

  onDepth(conId: number, smart: boolean, listener: (op: SimDepthOp) => void): Unsubscribe {
    return this.listenersFor(conId).onDepth(smart, listener);
  }

  onTrade(conId: number, listener: (trade: SimTrade) => void): Unsubscribe {
    return this.listenersFor(conId).onTrade(listener);
  }

  onQuote(conId: number, listener: (quote: SimQuote) => void): Unsubscribe {
    return this.listenersFor(conId).onQuote(listener);
  }

  scan(filter: SimScanFilter): SimStock[] {
    const now = this.now();
    const candidates = [...this.models.values()].filter((m) => !m.stock.future).map((m) => toCandidate(m, this.tape.summaryAt(m, now)));
    return rankScan(candidates, filter);
  }

  bars(query: SimBarQuery): SimBar[] {
    return buildBars(this.tape, this.model(query.conId), query, this.now());
  }

  historicalTicks(query: SimTickQuery): SimTickPrint[] {
    return historicalPrints(this.tape, this.model(query.conId), query, this.now());
  }

  private ensureTicker(): void {
    if (this.timer || this.disposed) return;
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? DEFAULT_TICK_MS);
    this.timer.unref?.();
  }

  /** One step of the shared ticker: advance every active symbol, drop the ones nobody listens to. */
  private tick(): void {
    const now = this.now();
    for (const [conId, s] of this.live) {
      if (s.listeners.count === 0) this.live.delete(conId);
      else s.advance(now);
    }
    let replaying = false;
    for (const r of this.replays.values()) {
      if (r.listeners.count === 0) continue;
      replaying = true;
      r.proc.advance(now, r.listeners);
    }
    if (this.live.size === 0 && !replaying && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.warmUp.stop();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.live.clear();
  }
}

/** A seeded, deterministic market: same seed and start, same universe, tape and bars. */
export function createSimMarket(options: SimMarketOptions & SimMarketTuning): SimMarket {
  return new ModelMarket(options);
}
