/**
 * reqHistoricalTicks from the same minute prints the streams and bars use: prints from `start` on, `count` of
 * them and then the rest of the last one's second (IB completes the second, so an answer may exceed 1,000).
 * The quote around each print is the snapshot model's (the print at the bid, the ask a spread above).
 */
import { RTH_CLOSE_IDX, RTH_OPEN_IDX, SESSION_MINUTES, etDay, isWeekday, sessionMinuteIndex, sessionMinuteStart } from './et-time';
import type { Tape } from './tape';
import type { SimTickPrint, SimTickQuery } from './types';
import type { StockModel } from './universe';

/** How many sessions a request looks ahead for its first print (a weekend and a holiday-free week). */
const LOOK_AHEAD_DAYS = 10;

function dollars(tick: number): (ticks: number) => number {
  const perDollar = Math.round(1 / tick);
  return (ticks) => Math.round(ticks * 10) / (perDollar * 10);
}

export function historicalPrints(tape: Tape, m: StockModel, q: SimTickQuery, now: number): SimTickPrint[] {
  const px = dollars(m.stock.minTick);
  const down = Math.floor(m.spreadTicks / 2);
  const spread = Math.max(1, m.spreadTicks);
  const [from, to] = q.useRTH ? [RTH_OPEN_IDX, RTH_CLOSE_IDX] : [0, SESSION_MINUTES];
  const out: SimTickPrint[] = [];
  let stopSecond = Infinity;
  const firstDay = etDay(q.start);
  for (let day = firstDay; day < firstDay + LOOK_AHEAD_DAYS; day++) {
    if (!isWeekday(day) || sessionMinuteStart(day, from) > now) continue;
    const startIdx = day === firstDay ? Math.max(from, sessionMinuteIndex(q.start)) : from;
    for (let i = startIdx; i < to; i++) {
      for (const t of tape.minute(m, day, i)) {
        if (t.time < q.start) continue;
        if (t.time > now || Math.floor(t.time / 1000) > stopSecond) return out;
        out.push({
          time: t.time, price: px(t.ticks), size: t.size, exchange: t.exchange,
          bid: px(t.ticks - down), ask: px(t.ticks - down + spread), bidSize: m.tradeSize * 3, askSize: m.tradeSize * 3,
        });
        if (out.length === q.count) stopSecond = Math.floor(t.time / 1000);
      }
    }
  }
  return out;
}
