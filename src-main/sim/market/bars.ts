import { RTH_CLOSE_IDX, RTH_OPEN_IDX, SESSION_MINUTES, etDay, etTime, isWeekday, sessionMinuteStart } from './et-time';
import type { Tape } from './tape';
import type { SimBar, SimBarQuery } from './types';
import type { StockModel } from './universe';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A price sample to fold into a bar: open/high/low/close in ticks plus volume. */
interface Piece { o: number; h: number; l: number; c: number; v: number; n: number; wapTicks: number }

/** Accumulates pieces into bars keyed by their opening time, in order of arrival. */
class BarFolder {
  readonly bars: Array<{ time: number; o: number; h: number; l: number; c: number; v: number; n: number; pv: number }> = [];
  add(time: number, p: Piece): void {
    const last = this.bars[this.bars.length - 1];
    if (last && last.time === time) {
      last.h = Math.max(last.h, p.h);
      last.l = Math.min(last.l, p.l);
      last.c = p.c;
      last.v += p.v;
      last.n += p.n;
      last.pv += p.wapTicks * p.v;
    } else {
      this.bars.push({ time, o: p.o, h: p.h, l: p.l, c: p.c, v: p.v, n: p.n, pv: p.wapTicks * p.v });
    }
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

function toBars(folder: BarFolder, m: StockModel, what: SimBarQuery['whatToShow']): SimBar[] {
  const tick = m.stock.minTick;
  const dec = tick < 0.01 ? 4 : 2;
  const px = (ticks: number): number => Number((ticks * tick).toFixed(dec + 1));
  const [lo, hi] = shiftFor(what, m.spreadTicks);
  const trades = what === 'TRADES';
  return folder.bars.map((b) => {
    const o = what === 'BID_ASK' ? (b.o + b.c) / 2 + lo : b.o + lo;
    const c = what === 'BID_ASK' ? (b.o + b.c) / 2 + hi : b.c + lo;
    return {
      time: b.time,
      open: px(o), high: px(b.h + hi), low: px(b.l + lo), close: px(c),
      volume: trades ? b.v : -1,
      wap: trades ? (b.v > 0 ? Number(((b.pv / b.v) * tick).toFixed(dec + 2)) : px(b.c)) : -1,
      count: trades ? b.n : -1,
    };
  });
}

function sessionRange(useRTH: boolean): [number, number] {
  return useRTH ? [RTH_OPEN_IDX, RTH_CLOSE_IDX] : [0, SESSION_MINUTES];
}

/** Minute-or-longer intraday buckets, aligned to ET midnight, labelled no earlier than the session start. */
function intradayBars(tape: Tape, m: StockModel, q: SimBarQuery, end: number, folder: BarFolder): void {
  const [from, to] = sessionRange(q.useRTH);
  const trades = q.whatToShow === 'TRADES';
  for (let day = etDay(q.start); day <= etDay(end - 1); day++) {
    if (!isWeekday(day)) continue;
    const p = tape.path(m, day);
    if (!p) continue;
    const midnight = etTime(day, 0);
    const sessionStart = sessionMinuteStart(day, from);
    for (let i = from; i < to; i++) {
      const start = sessionMinuteStart(day, i);
      if (start < q.start) continue;
      if (start >= end) break;
      const bucket = Math.max(sessionStart, midnight + Math.floor((start - midnight) / q.barMs) * q.barMs);
      if (start + MINUTE_MS <= end) {
        if (trades && p.count[i] === 0) continue;
        const wap = (p.open[i] + p.high[i] + p.low[i] + p.close[i]) / 4;
        folder.add(bucket, { o: p.open[i], h: p.high[i], l: p.low[i], c: p.close[i], v: p.volume[i], n: p.count[i], wapTicks: wap });
      } else {
        // The forming minute: only the prints that already happened.
        for (const t of tape.minute(m, day, i)) if (t.time < end) folder.add(bucket, tradePiece(t.ticks, t.size));
      }
    }
  }
}

const tradePiece = (ticks: number, size: number): Piece => ({ o: ticks, h: ticks, l: ticks, c: ticks, v: size, n: 1, wapTicks: ticks });

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
        folder.add(Math.floor(t.time / q.barMs) * q.barMs, tradePiece(t.ticks, t.size));
      }
    }
  }
}

/** Daily (or weekly/monthly) bars labelled 00:00 ET of the session (of the period's first session). */
function dailyBars(tape: Tape, m: StockModel, q: SimBarQuery, now: number, folder: BarFolder): void {
  const [from, to] = sessionRange(q.useRTH);
  const trades = q.whatToShow === 'TRADES';
  for (let day = etDay(q.start); day <= etDay(q.end - 1); day++) {
    if (!isWeekday(day) || sessionMinuteStart(day, from) > now) continue;
    const p = tape.path(m, day);
    if (!p) continue;
    const label = periodStart(day, q.barMs);
    for (let i = from; i < to; i++) {
      const start = sessionMinuteStart(day, i);
      if (start >= now) break;
      if (start + MINUTE_MS <= now) {
        if (trades && p.count[i] === 0) continue;
        const wap = (p.open[i] + p.high[i] + p.low[i] + p.close[i]) / 4;
        folder.add(label, { o: p.open[i], h: p.high[i], l: p.low[i], c: p.close[i], v: p.volume[i], n: p.count[i], wapTicks: wap });
      } else {
        for (const t of tape.minute(m, day, i)) if (t.time < now) folder.add(label, tradePiece(t.ticks, t.size));
      }
    }
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
