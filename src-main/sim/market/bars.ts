import { RTH_CLOSE_IDX, RTH_OPEN_IDX, SESSION_MINUTES, etDay, etTime, isWeekday, sessionMinuteStart } from './et-time';
import type { DayPath } from './day-path';
import type { TickTrade } from './minute-trades';
import type { Tape } from './tape';
import type { SimBar, SimBarQuery } from './types';
import type { StockModel } from './universe';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface FoldedBar { time: number; o: number; h: number; l: number; c: number; v: number; n: number; pv: number }

/** Accumulates minutes and prints (prices in ticks) into bars keyed by their opening time, in order of arrival. */
class BarFolder {
  readonly bars: FoldedBar[] = [];
  private last: FoldedBar | undefined;

  private add(time: number, o: number, h: number, l: number, c: number, v: number, n: number, pv: number): void {
    const b = this.last;
    if (b && b.time === time) {
      if (h > b.h) b.h = h;
      if (l < b.l) b.l = l;
      b.c = c;
      b.v += v;
      b.n += n;
      b.pv += pv;
    } else {
      this.bars.push((this.last = { time, o, h, l, c, v, n, pv }));
    }
  }

  /** A finished minute of the path; its typical price stands in for the prints' VWAP. */
  addMinute(time: number, p: DayPath, i: number): void {
    const wap = (p.open[i] + p.high[i] + p.low[i] + p.close[i]) / 4;
    this.add(time, p.open[i], p.high[i], p.low[i], p.close[i], p.volume[i], p.count[i], wap * p.volume[i]);
  }

  addTrade(time: number, t: TickTrade): void {
    this.add(time, t.ticks, t.ticks, t.ticks, t.ticks, t.size, 1, t.ticks * t.size);
  }
}

/** Quote-based bars shift the trade path by the stock's typical half spread. */
function shiftFor(what: SimBarQuery['whatToShow'], spread: number): [number, number] {
  const down = Math.floor(spread / 2);
  switch (what) {
    case 'BID': return [-down, -down];
    case 'ASK': return [spread - down, spread - down];
    case 'MIDPOINT': return [spread / 2 - down, spread / 2 - down];
    case 'BID_ASK': return [-down, spread - down]; // low from bids, high from asks
    default: return [0, 0];
  }
}

/**
 * Dollars from (half-)ticks without toFixed: the scaled integer divided by a power of ten is the same
 * double as parsing the decimal string, so bar prices equal the streamed prices exactly.
 */
function pricer(tick: number, extraDecimals: number): (ticks: number) => number {
  const perDollar = Math.round(1 / tick);
  const k = 10 ** extraDecimals;
  return (ticks) => Math.round(ticks * k) / (perDollar * k);
}

function toBars(folder: BarFolder, m: StockModel, what: SimBarQuery['whatToShow']): SimBar[] {
  const px = pricer(m.stock.minTick, 1);
  const wapPx = pricer(m.stock.minTick, 2);
  const [lo, hi] = shiftFor(what, m.spreadTicks);
  const trades = what === 'TRADES';
  const out: SimBar[] = new Array(folder.bars.length);
  for (let k = 0; k < out.length; k++) {
    const b = folder.bars[k];
    const o = what === 'BID_ASK' ? (b.o + b.c) / 2 + lo : b.o + lo;
    const c = what === 'BID_ASK' ? (b.o + b.c) / 2 + hi : b.c + lo;
    out[k] = {
      time: b.time,
      open: px(o), high: px(b.h + hi), low: px(b.l + lo), close: px(c),
      volume: trades ? b.v : -1,
      wap: trades ? (b.v > 0 ? wapPx(b.pv / b.v) : px(b.c)) : -1,
      count: trades ? b.n : -1,
    };
  }
  return out;
}

function sessionRange(useRTH: boolean): [number, number] {
  return useRTH ? [RTH_OPEN_IDX, RTH_CLOSE_IDX] : [0, SESSION_MINUTES];
}

/**
 * Folds one session's minutes [from, to) that start in [minStart, end) into `label(start)` buckets:
 * finished minutes from the path, the forming one from the prints that already happened.
 */
function foldSession(
  tape: Tape, m: StockModel, day: number, range: [number, number], minStart: number, end: number,
  trades: boolean, folder: BarFolder, label: (start: number) => number,
): void {
  const p = tape.path(m, day);
  if (!p) return;
  // No DST switch falls inside 04:00-20:00, so session minutes are evenly spaced from 04:00.
  const base = sessionMinuteStart(day, 0);
  for (let i = range[0]; i < range[1]; i++) {
    const start = base + i * MINUTE_MS;
    if (start < minStart) continue;
    if (start >= end) break;
    if (start + MINUTE_MS <= end) {
      if (!trades || p.count[i] > 0) folder.addMinute(label(start), p, i);
    } else {
      for (const t of tape.minute(m, day, i)) if (t.time < end) folder.addTrade(label(start), t);
    }
  }
}

/** Minute-or-longer intraday buckets, aligned to ET midnight, labelled no earlier than the session start. */
function intradayBars(tape: Tape, m: StockModel, q: SimBarQuery, end: number, folder: BarFolder): void {
  const range = sessionRange(q.useRTH);
  const trades = q.whatToShow === 'TRADES';
  for (let day = etDay(q.start); day <= etDay(end - 1); day++) {
    if (!isWeekday(day)) continue;
    const midnight = etTime(day, 0);
    const sessionStart = sessionMinuteStart(day, range[0]);
    const label = q.barMs === MINUTE_MS
      ? (start: number) => start
      : (start: number) => Math.max(sessionStart, midnight + Math.floor((start - midnight) / q.barMs) * q.barMs);
    foldSession(tape, m, day, range, q.start, end, trades, folder, label);
  }
}

/** Second-scale bars straight from the prints (buckets without prints are omitted). */
function secondBars(tape: Tape, m: StockModel, q: SimBarQuery, end: number, folder: BarFolder): void {
  const [from, to] = sessionRange(q.useRTH);
  for (let day = etDay(q.start); day <= etDay(end - 1); day++) {
    if (!isWeekday(day)) continue;
    for (let i = from; i < to; i++) {
      const start = sessionMinuteStart(day, i);
      if (start + MINUTE_MS <= q.start) continue;
      if (start >= end) break;
      for (const t of tape.minute(m, day, i)) {
        if (t.time < q.start || t.time >= end) continue;
        folder.addTrade(Math.floor(t.time / q.barMs) * q.barMs, t);
      }
    }
  }
}

/** Daily (or weekly/monthly) bars labelled 00:00 ET of the session (of the period's first session). */
function dailyBars(tape: Tape, m: StockModel, q: SimBarQuery, now: number, folder: BarFolder): void {
  const range = sessionRange(q.useRTH);
  const trades = q.whatToShow === 'TRADES';
  for (let day = etDay(q.start); day <= etDay(q.end - 1); day++) {
    if (!isWeekday(day) || sessionMinuteStart(day, range[0]) > now) continue;
    const label = periodStart(day, q.barMs);
    foldSession(tape, m, day, range, -Infinity, now, trades, folder, () => label);
  }
}

function periodStart(day: number, barMs: number): number {
  if (barMs >= 28 * DAY_MS) {
    const d = new Date(day * DAY_MS);
    return etTime(Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS), 0);
  }
  if (barMs >= 7 * DAY_MS) return etTime(day - ((day + 3) % 7), 0); // Monday of the week
  return etTime(day, 0);
}

/** Historical bars for any window up to `now`, built from the same minutes and prints the streams emit. */
export function buildBars(tape: Tape, m: StockModel, q: SimBarQuery, now: number): SimBar[] {
  const end = Math.min(q.end, now);
  if (!(q.barMs > 0) || end <= q.start) return [];
  const folder = new BarFolder();
  if (q.barMs >= DAY_MS) dailyBars(tape, m, { ...q, end }, end, folder);
  else if (q.barMs < MINUTE_MS) secondBars(tape, m, q, end, folder);
  else intradayBars(tape, m, q, end, folder);
  return toBars(folder, m, q.whatToShow);
}
