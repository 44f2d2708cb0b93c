/**
 * Breakdowns of closed trips by a key: time of entry (ET hour and 15-minute slot), weekday, symbol, tag,
 * side, hold time, and the scanner's gap % and RVOL at entry (which only Tapedeck knows).
 */
import { z } from 'zod';
import { parseYmd, weekday } from '../civil-date';
import { etDate, etMinutes } from '../et-time';
import type { RoundTrip } from './round-trip';

export const BreakdownRow = z.object({
  key: z.string(),
  trips: z.number().int(),
  wins: z.number().int(),
  net: z.number(),
  winRate: z.number(),
  avgNet: z.number(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const BREAKDOWN_KINDS = ['hour', 'quarterHour', 'weekday', 'symbol', 'tag', 'side', 'holdTime', 'gapPct', 'rvol'] as const;
export const BreakdownKind = z.enum(BREAKDOWN_KINDS);
export type BreakdownKind = z.infer<typeof BreakdownKind>;
export const Breakdowns = z.record(BreakdownKind, z.array(BreakdownRow));
export type Breakdowns = z.infer<typeof Breakdowns>;

/** What the scanner knew about the symbol when the trip was entered. */
export interface EntryContext {
  gapPct: number | null;
  rvol: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Upper bounds (exclusive) and labels; the sort order of the rows is the order here. */
const HOLD_BUCKETS: Array<[number, string]> = [
  [60_000, '< 1 min'], [300_000, '1–5 min'], [900_000, '5–15 min'], [3_600_000, '15–60 min'], [14_400_000, '1–4 h'], [Infinity, '≥ 4 h'],
];
const GAP_BUCKETS: Array<[number, string]> = [[0, '< 0 %'], [5, '0–5 %'], [10, '5–10 %'], [20, '10–20 %'], [50, '20–50 %'], [Infinity, '≥ 50 %']];
const RVOL_BUCKETS: Array<[number, string]> = [[1, '< 1×'], [2, '1–2×'], [5, '2–5×'], [10, '5–10×'], [Infinity, '≥ 10×']];

function bucket(v: number, buckets: Array<[number, string]>): string {
  return buckets.find(([hi]) => v < hi)![1];
}

type KeyOf = (t: RoundTrip) => string[];

export function hourKey(ms: number): string {
  return `${pad(Math.floor(etMinutes(ms) / 60))}:00`;
}

export function quarterHourKey(ms: number): string {
  const m = etMinutes(ms);
  return `${pad(Math.floor(m / 60))}:${pad(Math.floor((m % 60) / 15) * 15)}`;
}

export function weekdayKey(ms: number): string {
  const { y, m, d } = parseYmd(etDate(ms));
  return WEEKDAYS[weekday(y, m, d)];
}

function keyers(context: ReadonlyMap<string, EntryContext>): Record<BreakdownKind, KeyOf> {
  return {
    hour: (t) => [hourKey(t.entryTime)],
    quarterHour: (t) => [quarterHourKey(t.entryTime)],
    weekday: (t) => [weekdayKey(t.entryTime)],
    symbol: (t) => [t.symbol],
    tag: (t) => (t.tags.length ? t.tags : ['(untagged)']),
    side: (t) => [t.direction === 'LONG' ? 'long' : 'short'],
    holdTime: (t) => [bucket(t.holdMs ?? 0, HOLD_BUCKETS)],
    gapPct: (t) => {
      const g = context.get(t.id)?.gapPct;
      return [g === null || g === undefined ? 'unknown' : bucket(g, GAP_BUCKETS)];
    },
    rvol: (t) => {
      const r = context.get(t.id)?.rvol;
      return [r === null || r === undefined ? 'unknown' : bucket(r, RVOL_BUCKETS)];
    },
  };
}

const ORDERS: Partial<Record<BreakdownKind, string[]>> = {
  weekday: WEEKDAYS,
  holdTime: HOLD_BUCKETS.map((b) => b[1]),
  gapPct: [...GAP_BUCKETS.map((b) => b[1]), 'unknown'],
  rvol: [...RVOL_BUCKETS.map((b) => b[1]), 'unknown'],
};

export function breakdown(trips: readonly RoundTrip[], keyOf: KeyOf, order?: string[]): BreakdownRow[] {
  const rows = new Map<string, { trips: number; wins: number; net: number }>();
  for (const t of trips) {
    if (t.open) continue;
    for (const key of keyOf(t)) {
      const r = rows.get(key) ?? { trips: 0, wins: 0, net: 0 };
      r.trips += 1;
      r.wins += t.net > 0 ? 1 : 0;
      r.net += t.net;
      rows.set(key, r);
    }
  }
  const rank = (k: string) => (order ? order.indexOf(k) : -1);
  return [...rows.entries()]
    .map(([key, r]) => ({ key, trips: r.trips, wins: r.wins, net: r.net, winRate: r.wins / r.trips, avgNet: r.net / r.trips }))
    .sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function computeBreakdowns(trips: readonly RoundTrip[], context: ReadonlyMap<string, EntryContext> = new Map()): Breakdowns {
  const k = keyers(context);
  const out = {} as Breakdowns;
  for (const kind of BREAKDOWN_KINDS) out[kind] = breakdown(trips, k[kind], ORDERS[kind]);
  return out;
}
