/**
 * Bars from trades and bars from bars, on the ET-aligned grid of market-time.barOpen.
 * VWAP is volume-weighted; counts are summed. A zero-volume print still moves OHLC (IB sends
 * odd-lot-free trade bars, but quotes-as-trades feeds do not), and a bar's vwap is left out when
 * any source bar with volume lacks one, so a partial VWAP never passes for a full one.
 */
import type { Bar, Timeframe } from './bar';
import { barOpen } from './market-time';

export interface Trade {
  ts: number;
  price: number;
  size: number;
}

/** Running totals for one forming bar. */
class BarAcc {
  open: number;
  high: number;
  low: number;
  close: number;
  volume = 0;
  pv = 0;
  vwapKnown = true;
  count: number | undefined = 0;

  constructor(
    readonly tsOpen: number,
    price: number,
  ) {
    this.open = this.high = this.low = this.close = price;
  }

  addTrade(price: number, size: number, late = false): void {
    if (price > this.high) this.high = price;
    if (price < this.low) this.low = price;
    if (!late) this.close = price;
    this.volume += size;
    this.pv += price * size;
    if (this.count !== undefined) this.count += 1;
  }

  addBar(b: Bar, late = false): void {
    if (b.high > this.high) this.high = b.high;
    if (b.low < this.low) this.low = b.low;
    if (!late) this.close = b.close;
    this.volume += b.volume;
    if (b.volume > 0) {
      if (b.vwap === undefined) this.vwapKnown = false;
      else this.pv += b.vwap * b.volume;
    }
    this.count = this.count === undefined || b.count === undefined ? undefined : this.count + b.count;
  }

  toBar(): Bar {
    const bar: Bar = {
      tsOpen: this.tsOpen,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
    };
    if (this.vwapKnown && this.volume > 0) bar.vwap = this.pv / this.volume;
    if (this.count !== undefined) bar.count = this.count;
    return bar;
  }
}

const byTs = (a: Trade, b: Trade) => a.ts - b.ts;
const isSortedBy = <T>(xs: T[], key: (x: T) => number) => xs.every((x, i) => i === 0 || key(xs[i - 1]) <= key(x));

/** Trades → bars; trades need not be sorted (ties keep input order). Empty intervals produce no bar. */
export function aggregateTrades(trades: Trade[], timeframe: Timeframe): Bar[] {
  const sorted = isSortedBy(trades, (t) => t.ts) ? trades : [...trades].sort(byTs);
  const out: Bar[] = [];
  let acc: BarAcc | undefined;
  for (const t of sorted) {
    const open = barOpen(t.ts, timeframe);
    if (!acc || acc.tsOpen !== open) {
      if (acc) out.push(acc.toBar());
      acc = new BarAcc(open, t.price);
    }
    acc.addTrade(t.price, t.size);
  }
  if (acc) out.push(acc.toBar());
  return out;
}

function startFrom(b: Bar, tsOpen: number): BarAcc {
  const acc = new BarAcc(tsOpen, b.open);
  acc.addBar(b);
  return acc;
}

/** Bars → coarser bars on the ET grid (e.g. 1m → 5m, 1h or 1d). Input need not be sorted. */
export function resampleBars(bars: Bar[], timeframe: Timeframe): Bar[] {
  const sorted = isSortedBy(bars, (b) => b.tsOpen) ? bars : [...bars].sort((a, b) => a.tsOpen - b.tsOpen);
  const out: Bar[] = [];
  let acc: BarAcc | undefined;
  for (const b of sorted) {
    const open = barOpen(b.tsOpen, timeframe);
    if (acc && acc.tsOpen === open) {
      acc.addBar(b);
      continue;
    }
    if (acc) out.push(acc.toBar());
    acc = startFrom(b, open);
  }
  if (acc) out.push(acc.toBar());
  return out;
}

export interface BarUpdate {
  /** The forming bar after this input. */
  bar: Bar;
  /** The bar that just closed, when this input rolled over into a new interval. */
  closed?: Bar;
}

/**
 * The forming bar of one timeframe, fed by trades (tick-by-tick) or by finer bars (IB's 5 s real-time
 * bars). A print older than the forming bar (late delivery) is folded into it without moving its close,
 * so a bar that has been shown closed never changes.
 */
export class BarBuilder {
  private acc: BarAcc | undefined;

  constructor(
    readonly timeframe: Timeframe,
    seed?: Bar,
  ) {
    if (seed) this.acc = startFrom(seed, barOpen(seed.tsOpen, timeframe));
  }

  current(): Bar | undefined {
    return this.acc?.toBar();
  }

  addTrade(trade: Trade): BarUpdate {
    const open = barOpen(trade.ts, this.timeframe);
    return this.step(open, (acc, late) => acc.addTrade(trade.price, trade.size, late), () => new BarAcc(open, trade.price));
  }

  /** A finer bar (e.g. 5 s) whose `tsOpen` falls inside this builder's interval. */
  addBar(bar: Bar): BarUpdate {
    const open = barOpen(bar.tsOpen, this.timeframe);
    return this.step(open, (acc, late) => acc.addBar(bar, late), () => new BarAcc(open, bar.open));
  }

  private step(open: number, add: (acc: BarAcc, late: boolean) => void, fresh: () => BarAcc): BarUpdate {
    const acc = this.acc;
    if (acc && open <= acc.tsOpen) {
      add(acc, open < acc.tsOpen);
      return { bar: acc.toBar() };
    }
    const next = fresh();
    add(next, false);
    this.acc = next;
    return acc ? { bar: next.toBar(), closed: acc.toBar() } : { bar: next.toBar() };
  }
}
