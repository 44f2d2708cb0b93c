import { DailyChain, type DayFacts } from './daily-chain';
import { generateDayPath, type DayPath } from './day-path';
import { RTH_OPEN_IDX, SESSION_MINUTES, etDay, isWeekday, prevWeekday, sessionMinuteIndex, sessionMinuteStart } from './et-time';
import { minuteTrades, type MinuteRecord, type TickTrade } from './minute-trades';
import type { StockModel } from './universe';

/** A small insertion-ordered LRU, bounded by the total weight of its values (1 each by default). */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  private total = 0;
  constructor(
    private readonly cap: number,
    private readonly weight: (v: V) => number = () => 1,
  ) {}
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: K, v: V): void {
    const old = this.map.get(k);
    if (old !== undefined) this.total -= this.weight(old);
    this.map.delete(k);
    this.map.set(k, v);
    this.total += this.weight(v);
    while (this.total > this.cap && this.map.size > 1) {
      const [oldest, value] = this.map.entries().next().value as [K, V];
      this.map.delete(oldest);
      this.total -= this.weight(value);
    }
  }
}

/**
 * Cache bounds: every value is regenerated on demand from the seed, so these trade memory for CPU only.
 * Today's paths of the whole universe (300) stay hot because every scan reads them; the rest is room for
 * one history request (20 sessions) after another. Prints are counted one by one: a busy gapper's minute
 * holds up to 1,200 of them, a quiet premarket minute two, and a count of minutes did not bound memory.
 */
const MAX_CACHED_PATHS = 500;
const MAX_CACHED_PRINTS = 150_000;

/** Where a stock's tape stands at an instant: what a scan ranks on. */
export interface TapeSummary {
  day: number;
  /** Session minute index of the instant, clamped to 0..960. */
  idx: number;
  lastTicks: number;
  volume: number;
  openTicks: number | null;
  highTicks: number;
  lowTicks: number;
  prevCloseTicks: number;
}

/** The summary plus the last print's details, for quotes. */
export interface TapeState extends TapeSummary {
  lastSize: number;
  lastTime: number;
}

/** Sessions searched back for a last print (a long weekend plus a quiet day or two). */
const LOOK_BACK_SESSIONS = 5;

/**
 * The deterministic history of every stock: day facts → minute records → prints, generated lazily and
 * cached. Everything the market shows (streams, quotes, bars, scans) reads from here.
 */
export class Tape {
  private readonly chains = new Map<number, DailyChain>();
  private readonly paths = new Lru<string, DayPath>(MAX_CACHED_PATHS);
  private readonly trades = new Lru<string, TickTrade[]>(MAX_CACHED_PRINTS, (t) => Math.max(1, t.length));

  constructor(
    readonly seed: number,
    readonly anchorDay: number,
  ) {}

  chain(m: StockModel): DailyChain {
    let c = this.chains.get(m.stock.conId);
    if (!c) this.chains.set(m.stock.conId, (c = new DailyChain(m, this.seed, this.anchorDay)));
    return c;
  }

  facts(m: StockModel, day: number): DayFacts | undefined {
    return isWeekday(day) ? this.chain(m).get(day) : undefined;
  }

  path(m: StockModel, day: number): DayPath | undefined {
    const key = `${m.stock.conId}:${day}`;
    let p = this.paths.get(key);
    if (p) return p;
    const f = this.facts(m, day);
    if (!f) return undefined;
    p = generateDayPath(this.seed, m, f);
    this.paths.set(key, p);
    return p;
  }

  record(p: DayPath, idx: number): MinuteRecord {
    return {
      start: sessionMinuteStart(p.day, idx),
      open: p.open[idx], high: p.high[idx], low: p.low[idx], close: p.close[idx],
      volume: p.volume[idx], count: p.count[idx],
    };
  }

  /** All prints of one session minute. */
  minute(m: StockModel, day: number, idx: number): TickTrade[] {
    const p = this.path(m, day);
    if (!p || idx < 0 || idx >= SESSION_MINUTES || p.count[idx] === 0) return [];
    const key = `${m.stock.conId}:${day}:${idx}`;
    let t = this.trades.get(key);
    if (!t) this.trades.set(key, (t = minuteTrades(this.seed, m.stock.conId, day, idx, this.record(p, idx))));
    return t;
  }

  /** The session an instant belongs to: its ET day on weekdays, else the weekday before. */
  sessionDay(t: number): number {
    const d = etDay(t);
    return isWeekday(d) ? d : prevWeekday(d);
  }

  /** Last print at or before t, looking back through earlier sessions when needed. */
  lastTrade(m: StockModel, t: number): TickTrade | undefined {
    let day = this.sessionDay(t);
    let idx = Math.min(SESSION_MINUTES - 1, sessionMinuteIndex(t));
    if (day !== etDay(t)) idx = SESSION_MINUTES - 1;
    for (let back = 0; back < LOOK_BACK_SESSIONS; back++) {
      const p = this.path(m, day);
      if (!p) return undefined;
      for (let i = idx; i >= 0; i--) {
        if (p.count[i] === 0) continue;
        const trades = this.minute(m, day, i);
        for (let k = trades.length - 1; k >= 0; k--) if (trades[k].time <= t) return trades[k];
      }
      day = prevWeekday(day);
      idx = SESSION_MINUTES - 1;
    }
    return undefined;
  }

  /**
   * Today's tape as of t: last price, cumulative volume, open, high, low (premarket included). Reads
   * the minute path and only the forming minute's prints, so a scan over the universe stays cheap.
   */
  summaryAt(m: StockModel, t: number): TapeSummary {
    const day = this.sessionDay(t);
    const f = this.facts(m, day)!;
    const p = this.path(m, day)!;
    const raw = day === etDay(t) ? sessionMinuteIndex(t) : SESSION_MINUTES;
    const idx = Math.max(0, Math.min(SESSION_MINUTES, raw));
    let volume = p.cumVolume[idx];
    let hi = -1;
    let lo = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < idx; i++) {
      if (p.count[i] === 0) continue;
      if (p.high[i] > hi) hi = p.high[i];
      if (p.low[i] < lo) lo = p.low[i];
    }
    let lastTicks = -1;
    const forming = idx < SESSION_MINUTES ? this.minute(m, day, idx) : [];
    for (const tr of forming) {
      if (tr.time > t) break;
      volume += tr.size;
      lastTicks = tr.ticks;
      if (tr.ticks > hi) hi = tr.ticks;
      if (tr.ticks < lo) lo = tr.ticks;
    }
    // A finished minute's last print is its close.
    if (lastTicks < 0) lastTicks = this.lastClose(m, day, idx - 1) ?? f.prevCloseTicks;
    const opened = idx > RTH_OPEN_IDX || (idx === RTH_OPEN_IDX && (forming[0]?.time ?? Infinity) <= t);
    return {
      day, idx, lastTicks, volume,
      openTicks: opened ? p.open[RTH_OPEN_IDX] : null,
      highTicks: hi < 0 ? lastTicks : hi,
      lowTicks: hi < 0 ? lastTicks : lo,
      prevCloseTicks: f.prevCloseTicks,
    };
  }

  /** Close of the last minute with prints at or before minute `idx` of `day`, looking back through earlier sessions. */
  private lastClose(m: StockModel, day: number, idx: number): number | undefined {
    for (let back = 0; back < LOOK_BACK_SESSIONS; back++) {
      const p = this.path(m, day);
      if (!p) return undefined;
      for (let i = Math.min(idx, SESSION_MINUTES - 1); i >= 0; i--) if (p.count[i] > 0) return p.close[i];
      day = prevWeekday(day);
      idx = SESSION_MINUTES - 1;
    }
    return undefined;
  }

  /** The summary plus the last print's size and time. */
  stateAt(m: StockModel, t: number): TapeState {
    const s = this.summaryAt(m, t);
    const last = this.lastTrade(m, t);
    return { ...s, lastSize: last?.size ?? 0, lastTime: last?.time ?? 0 };
  }
}
