/**
 * Statistics over closed round trips (net P&L, after fees). Definitions, so a trader can check them:
 * - win: net > 0, loss: net < 0, scratch: net = 0; win rate = wins ÷ trips.
 * - profit factor = Σ wins ÷ |Σ losses| (null with no losses); expectancy = mean net per trip.
 * - SQN = √N × mean ÷ sample stdev, on R-multiples when every trip has one, else on net P&L; only N ≥ 30.
 * - max drawdown: largest fall of cumulative net from a running peak that starts at 0, by trip and by day.
 * - Sharpe = mean(daily net) ÷ sample stdev × √252; Sortino = mean ÷ √(mean(min(0, x)²)) × √252, over the
 *   ET days that had a closed trip. Both on dollars (a day trader's capital is not a return base).
 */
import { z } from 'zod';
import { etDate } from '../et-time';
import type { RoundTrip } from './round-trip';

export const DailyPnl = z.object({ date: z.string(), net: z.number(), gross: z.number(), fees: z.number(), trips: z.number().int() });
export type DailyPnl = z.infer<typeof DailyPnl>;

const num = z.number().nullable();
export const TripStats = z.object({
  trips: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  scratches: z.number().int(),
  winRate: num,
  avgWin: num,
  avgLoss: num,
  largestWin: num,
  largestLoss: num,
  grossProfit: z.number(),
  grossLoss: z.number(),
  profitFactor: num,
  expectancy: num,
  gross: z.number(),
  fees: z.number(),
  net: z.number(),
  feesPending: z.number().int(),
  sqn: num,
  sqnBasis: z.enum(['r', 'pnl']).nullable(),
  maxDrawdownTrip: z.number(),
  maxDrawdownDay: z.number(),
  sharpe: num,
  sortino: num,
  longestWinStreak: z.number().int(),
  longestLossStreak: z.number().int(),
  /** +n: the last n trips won; −n: the last n lost; 0: none or a scratch last. */
  currentStreak: z.number().int(),
  avgHoldMs: num,
  days: z.array(DailyPnl),
});
export type TripStats = z.infer<typeof TripStats>;

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: readonly number[]) => (xs.length ? sum(xs) / xs.length : null);

export function sampleStdev(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = sum(xs) / xs.length;
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
}

/** Largest peak-to-trough fall of the running total of `xs`, the peak starting at 0; ≥ 0. */
export function maxDrawdown(xs: readonly number[]): number {
  let total = 0, peak = 0, dd = 0;
  for (const x of xs) {
    total += x;
    peak = Math.max(peak, total);
    dd = Math.max(dd, peak - total);
  }
  return dd;
}

export function dailyPnl(trips: readonly RoundTrip[]): DailyPnl[] {
  const days = new Map<string, DailyPnl>();
  for (const t of trips) {
    if (t.exitTime === null) continue;
    const date = etDate(t.exitTime);
    const d = days.get(date) ?? { date, net: 0, gross: 0, fees: 0, trips: 0 };
    d.net += t.net;
    d.gross += t.gross;
    d.fees += t.fees;
    d.trips += 1;
    days.set(date, d);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function streaks(nets: readonly number[]): { win: number; loss: number; current: number } {
  let win = 0, loss = 0, run = 0;
  for (const n of nets) {
    if (n > 0) run = run > 0 ? run + 1 : 1;
    else if (n < 0) run = run < 0 ? run - 1 : -1;
    else run = 0;
    win = Math.max(win, run);
    loss = Math.max(loss, -run);
  }
  return { win, loss, current: run };
}

function sqnOf(trips: readonly RoundTrip[]): { sqn: number | null; basis: 'r' | 'pnl' | null } {
  if (trips.length < 30) return { sqn: null, basis: null };
  const useR = trips.every((t) => t.r !== null);
  const xs = trips.map((t) => (useR ? t.r! : t.net));
  const sd = sampleStdev(xs);
  return { sqn: sd ? (Math.sqrt(xs.length) * sum(xs)) / xs.length / sd : null, basis: useR ? 'r' : 'pnl' };
}

function ratios(daily: readonly number[]): { sharpe: number | null; sortino: number | null } {
  const m = mean(daily);
  const sd = sampleStdev(daily);
  const downside = daily.length ? Math.sqrt(sum(daily.map((x) => Math.min(0, x) ** 2)) / daily.length) : 0;
  const k = Math.sqrt(252);
  return { sharpe: m !== null && sd ? (m / sd) * k : null, sortino: m !== null && downside > 0 ? (m / downside) * k : null };
}

export function computeStats(all: readonly RoundTrip[]): TripStats {
  const trips = all.filter((t) => !t.open).sort((a, b) => a.exitTime! - b.exitTime! || (a.id < b.id ? -1 : 1));
  const nets = trips.map((t) => t.net);
  const wins = nets.filter((n) => n > 0);
  const losses = nets.filter((n) => n < 0);
  const grossProfit = sum(wins);
  const grossLoss = sum(losses);
  const days = dailyPnl(trips);
  const s = streaks(nets);
  const q = sqnOf(trips);
  const r = ratios(days.map((d) => d.net));
  return {
    trips: trips.length, wins: wins.length, losses: losses.length, scratches: trips.length - wins.length - losses.length,
    winRate: trips.length ? wins.length / trips.length : null,
    avgWin: mean(wins), avgLoss: mean(losses),
    largestWin: wins.length ? Math.max(...wins) : null, largestLoss: losses.length ? Math.min(...losses) : null,
    grossProfit, grossLoss, profitFactor: grossLoss < 0 ? grossProfit / -grossLoss : null, expectancy: mean(nets),
    gross: sum(trips.map((t) => t.gross)), fees: sum(trips.map((t) => t.fees)), net: sum(nets),
    feesPending: trips.filter((t) => t.feesPending).length,
    sqn: q.sqn, sqnBasis: q.basis,
    maxDrawdownTrip: maxDrawdown(nets), maxDrawdownDay: maxDrawdown(days.map((d) => d.net)),
    sharpe: r.sharpe, sortino: r.sortino,
    longestWinStreak: s.win, longestLossStreak: s.loss, currentStreak: s.current,
    avgHoldMs: mean(trips.map((t) => t.holdMs!)), days,
  };
}
