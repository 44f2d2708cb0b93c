/**
 * US/Eastern calendar arithmetic for the simulator, without Intl (hot paths call it per trade).
 * DST: second Sunday of March 02:00 local to first Sunday of November 02:00 local (rules since 2007).
 * Sessions are weekdays; exchange holidays are not modelled.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** Session minutes are indexed from 04:00 ET: premarket 0..329, regular 330..719, after hours 720..959. */
export const SESSION_FIRST_MINUTE = 4 * 60;
export const SESSION_MINUTES = 16 * 60;
export const RTH_OPEN_IDX = 330;
export const RTH_CLOSE_IDX = 720;

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
export function daysFromCivil(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function nthSundayUtcDay(year: number, month: number, nth: number): number {
  const first = daysFromCivil(year, month, 1);
  const dow = (first + 4) % 7; // 1970-01-01 was a Thursday (4)
  return first + ((7 - dow) % 7) + (nth - 1) * 7;
}

/** DST bounds of the year last asked about: bars and streams ask about the same year millions of times. */
const dst = { yearStart: 0, yearEnd: -1, start: 0, end: 0 };

function loadDstYear(t: number): void {
  const year = new Date(t).getUTCFullYear();
  dst.yearStart = Date.UTC(year, 0, 1);
  dst.yearEnd = Date.UTC(year + 1, 0, 1);
  // DST starts 02:00 EST = 07:00 UTC and ends 02:00 EDT = 06:00 UTC.
  dst.start = nthSundayUtcDay(year, 3, 2) * DAY_MS + 7 * HOUR_MS;
  dst.end = nthSundayUtcDay(year, 11, 1) * DAY_MS + 6 * HOUR_MS;
}

/** ET offset from UTC in ms (-4 h in DST, -5 h otherwise) at instant t. */
export function etOffsetMs(t: number): number {
  if (!(t >= dst.yearStart && t < dst.yearEnd)) loadDstYear(t);
  return t >= dst.start && t < dst.end ? -4 * HOUR_MS : -5 * HOUR_MS;
}

/** ET calendar day number (days since 1970-01-01) of instant t. */
export function etDay(t: number): number {
  return Math.floor((t + etOffsetMs(t)) / DAY_MS);
}

/** Epoch ms of `hh:mm` ET on ET day `day`. */
export function etTime(day: number, minutesOfDay: number): number {
  const guess = day * DAY_MS + minutesOfDay * MINUTE_MS;
  // The offset at the result can differ from the guess's only within the DST switch hour.
  const t = guess - etOffsetMs(guess + 5 * HOUR_MS);
  return guess - etOffsetMs(t);
}

export function isWeekday(day: number): boolean {
  const dow = (day + 4) % 7;
  return dow >= 1 && dow <= 5;
}

export function prevWeekday(day: number): number {
  let d = day - 1;
  while (!isWeekday(d)) d--;
  return d;
}

export function nextWeekday(day: number): number {
  let d = day + 1;
  while (!isWeekday(d)) d++;
  return d;
}

/** The weekday at or before `day`. */
export function weekdayAtOrBefore(day: number): number {
  return isWeekday(day) ? day : prevWeekday(day);
}

/** Start instant of session minute `idx` (0 = 04:00 ET) on `day`. */
export function sessionMinuteStart(day: number, idx: number): number {
  return etTime(day, SESSION_FIRST_MINUTE) + idx * MINUTE_MS;
}

/** Session minute index of t on its ET day (may be < 0 before 04:00 or ≥ 960 after 20:00). */
export function sessionMinuteIndex(t: number): number {
  return Math.floor((t - etTime(etDay(t), SESSION_FIRST_MINUTE)) / MINUTE_MS);
}

/** `YYYY-MM-DD` of an ET day number. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
