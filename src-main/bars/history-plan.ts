/**
 * Which ET session days a chart request covers, and whether a cached day can be served as is.
 * Pure: the service asks these questions with its clock's time.
 */
import type { Timeframe } from '../../src-shared/domain/bar';
import type { CachedDay } from '../storage';
import { etDate, etMidnight, previousSessions, previousTradingDay, sessionFor, type Session } from '../../src-shared/domain/market-time';

/** Sessions of history when the request does not say: a trading week intraday, about a year of dailies. */
export const DEFAULT_DAYS_INTRADAY = 5;
export const DEFAULT_DAYS_DAILY = 250;
/** A day's bars are final a little after the after-hours close (IB settles late prints). */
export const DAY_FINAL_GRACE_MS = 2 * 60_000;
/** Today's partial day is fetched again when the cached copy is older than this. */
export const PARTIAL_STALE_MS = 60_000;

/** When a session's first bar opens for the view: 04:00 ET with extended hours, 09:30 without, 00:00 ET for dailies. */
export function viewStart(s: Session, timeframe: Timeframe, extended: boolean): number {
  if (timeframe === '1d') return etMidnight(s.date);
  return extended ? s.premarketOpen : s.open;
}

/**
 * The `days` sessions (oldest first) holding bars that open before `until`: today counts once its view
 * has started, and a scroll-back request (`until` = the chart's first bar) continues with the day before.
 */
export function sessionsBefore(until: number, days: number, timeframe: Timeframe, extended: boolean): Session[] {
  let date = etDate(until);
  const today = sessionFor(date);
  if (!today || viewStart(today, timeframe, extended) >= until) date = previousTradingDay(date);
  const dates = [date, ...previousSessions(date, days - 1)].reverse();
  return dates.map((d) => sessionFor(d)!);
}

export function isDayOver(s: Session, now: number): boolean {
  return now >= s.afterHoursClose + DAY_FINAL_GRACE_MS;
}

/** A cached day serves as is when complete, or when partial but fetched recently and the day still runs. */
export function isFresh(cached: CachedDay | undefined, s: Session, now: number): boolean {
  if (!cached) return false;
  if (cached.complete) return true;
  return !isDayOver(s, now) && now - cached.fetchedAt < PARTIAL_STALE_MS;
}

/** IB duration string covering the calendar days from `first` to `last` inclusive (daily bars). */
export function calendarDuration(first: Session, last: Session): string {
  const span = Math.round((etMidnight(last.date) - etMidnight(first.date)) / 86_400_000) + 1;
  return span <= 365 ? `${span} D` : `${Math.ceil(span / 365)} Y`;
}
