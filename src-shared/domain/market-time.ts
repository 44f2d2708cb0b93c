/**
 * US equity market time: ET wall clock (pure DST rule), the NYSE calendar and session phases, and
 * ET-aligned bar boundaries. The one place the app asks "what session is it?".
 */
import type { Timeframe } from './bar';
import { TIMEFRAME_MS } from './bar';
import { addDays, isYmd } from './civil-date';
import { etDate, etMidnight, etToEpoch } from './et-time';
import { isHalfDay, isTradingDay } from './nyse-calendar';

export { etDate, etMinutes, etMsOfDay, etToEpoch, etAtMsOfDay, etMidnight, etOffsetMs, isEtDst, daysBetween } from './et-time';
export { isTradingDay, isHoliday, isHalfDay, isWeekend } from './nyse-calendar';
export { addDays, isYmd } from './civil-date';

/** One trading session's boundaries as epoch ms. */
export interface Session {
  date: string;
  /** 04:00 ET */
  premarketOpen: number;
  /** 09:30 ET */
  open: number;
  /** 16:00 ET, or 13:00 ET on a half day */
  close: number;
  /** 20:00 ET, or 17:00 ET on a half day */
  afterHoursClose: number;
  halfDay: boolean;
}

export type MarketPhase = 'closed' | 'premarket' | 'regular' | 'after';

/** Anchors for cumulative measures (RVOL, VWAP): the premarket or the regular open. */
export type SessionAnchor = '04:00' | '09:30';

export const ANCHOR_MS_OF_DAY: Record<SessionAnchor, number> = {
  '04:00': 4 * 3_600_000,
  '09:30': 9.5 * 3_600_000,
};

export function sessionFor(date: string): Session | null {
  if (!isYmd(date) || !isTradingDay(date)) return null;
  const halfDay = isHalfDay(date);
  return {
    date,
    premarketOpen: etToEpoch(date, 4, 0),
    open: etToEpoch(date, 9, 30),
    close: etToEpoch(date, halfDay ? 13 : 16, 0),
    afterHoursClose: etToEpoch(date, halfDay ? 17 : 20, 0),
    halfDay,
  };
}

/** The trading day strictly before a date. */
export function previousTradingDay(date: string): string {
  let d = addDays(date, -1);
  while (!isTradingDay(d)) d = addDays(d, -1);
  return d;
}

/** The trading day strictly after a date. */
export function nextTradingDay(date: string): string {
  let d = addDays(date, 1);
  while (!isTradingDay(d)) d = addDays(d, 1);
  return d;
}

/** The n trading days strictly before a date, most recent first. */
export function previousSessions(date: string, n: number): string[] {
  const out: string[] = [];
  let d = date;
  while (out.length < n) {
    d = previousTradingDay(d);
    out.push(d);
  }
  return out;
}

/** The ET day marketPhase last looked at: the order path asks on every intent, and the calendar walk is its costliest part. */
let phaseDay: { from: number; to: number; session: Session | null } = { from: 0, to: 0, session: null };

function sessionAt(ms: number): Session | null {
  if (ms >= phaseDay.from && ms < phaseDay.to) return phaseDay.session;
  const date = etDate(ms);
  phaseDay = { from: etMidnight(date), to: etMidnight(addDays(date, 1)), session: sessionFor(date) };
  return phaseDay.session;
}

export function marketPhase(ms: number): MarketPhase {
  const s = sessionAt(ms);
  if (!s) return 'closed';
  if (ms < s.premarketOpen) return 'closed';
  if (ms < s.open) return 'premarket';
  if (ms < s.close) return 'regular';
  if (ms < s.afterHoursClose) return 'after';
  return 'closed';
}

/**
 * The opening instant of the bar containing `ms`. Intraday bars align to the ET wall clock; because ET's
 * offset is a whole number of hours, that is the same grid as UTC for every timeframe up to 1 h.
 * Daily bars open at 00:00 ET of the session date.
 */
export function barOpen(ms: number, timeframe: Timeframe): number {
  if (timeframe === '1d') return etMidnight(etDate(ms));
  const size = TIMEFRAME_MS[timeframe];
  return Math.floor(ms / size) * size;
}

/** The closing instant (exclusive) of a bar opened at `tsOpen`; daily bars end at the next ET midnight. */
export function barClose(tsOpen: number, timeframe: Timeframe): number {
  if (timeframe === '1d') return etMidnight(addDays(etDate(tsOpen), 1));
  return tsOpen + TIMEFRAME_MS[timeframe];
}
