/**
 * America/New_York wall time from epoch ms and back, with a pure US DST rule (no Intl, no tz database):
 * fast, deterministic and the same in every process.
 *   2007+:     second Sunday of March 02:00 EST → first Sunday of November 02:00 EDT
 *   1987–2006: first Sunday of April          → last Sunday of October
 */
import { dayNumberOf, formatYmd, lastWeekday, nthWeekday, parseYmd } from './civil-date';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const EST_OFFSET = -5 * HOUR_MS;
const EDT_OFFSET = -4 * HOUR_MS;

const dstCache = new Map<number, [number, number]>();

/** [start, end) of daylight time in a year, as UTC epoch ms. */
function dstWindow(year: number): [number, number] {
  const hit = dstCache.get(year);
  if (hit) return hit;
  let startMonth: number, startDay: number, endMonth: number, endDay: number;
  if (year >= 2007) {
    [startMonth, startDay] = [3, nthWeekday(year, 3, 0, 2)];
    [endMonth, endDay] = [11, nthWeekday(year, 11, 0, 1)];
  } else {
    [startMonth, startDay] = [4, nthWeekday(year, 4, 0, 1)];
    [endMonth, endDay] = [10, lastWeekday(year, 10, 0)];
  }
  // 02:00 EST = 07:00 UTC (spring forward); 02:00 EDT = 06:00 UTC (fall back).
  const window: [number, number] = [
    Date.UTC(year, startMonth - 1, startDay, 7),
    Date.UTC(year, endMonth - 1, endDay, 6),
  ];
  dstCache.set(year, window);
  return window;
}

/** ET's offset from UTC at an instant, in ms (−4 h or −5 h). */
export function etOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const [start, end] = dstWindow(year);
  return ms >= start && ms < end ? EDT_OFFSET : EST_OFFSET;
}

export function isEtDst(ms: number): boolean {
  return etOffsetMs(ms) === EDT_OFFSET;
}

/** The ET calendar date of an instant, 'YYYY-MM-DD'. */
export function etDate(ms: number): string {
  const t = new Date(ms + etOffsetMs(ms));
  return formatYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Milliseconds since ET midnight by the wall clock (09:30 ET → 34 200 000 on every day). */
export function etMsOfDay(ms: number): number {
  const local = ms + etOffsetMs(ms);
  return ((local % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Whole minutes since ET midnight by the wall clock (09:30 ET → 570). */
export function etMinutes(ms: number): number {
  return Math.floor(etMsOfDay(ms) / 60_000);
}

/**
 * The instant of an ET wall time on a date. A time skipped by spring-forward maps one hour later
 * (02:30 → 03:30 EDT); an ambiguous fall-back time maps to its first (EDT) occurrence.
 */
export function etToEpoch(date: string, hh: number, mm: number, ss = 0): number {
  const { y, m, d } = parseYmd(date);
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss);
  const asEdt = wall - EDT_OFFSET;
  return etOffsetMs(asEdt) === EDT_OFFSET ? asEdt : wall - EST_OFFSET;
}

/** The instant at a wall-clock offset (ms since ET midnight) on a date. */
export function etAtMsOfDay(date: string, msOfDay: number): number {
  const whole = Math.floor(msOfDay / 1000);
  const base = etToEpoch(date, Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60);
  return base + (msOfDay - whole * 1000);
}

/** 00:00 ET of a date. */
export function etMidnight(date: string): number {
  return etToEpoch(date, 0, 0);
}

/** Whole days between two dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumberOf(b) - dayNumberOf(a);
}
