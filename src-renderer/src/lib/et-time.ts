/**
 * US/Eastern display helpers. Markets run on New York time whatever the machine's zone; the arithmetic
 * lives in src-shared/domain/et-time (pure DST rules, no Intl), shared with main.
 */
import { etDate, etMinutes, etMsOfDay, etOffsetMs } from '../../../src-shared/domain/et-time';

export { etOffsetMs };

const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:MM:SS" in ET. */
export function fmtEtTime(ts: number | null | undefined): string {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return '—';
  const s = Math.floor(etMsOfDay(ts) / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** "YYYY-MM-DD" of the ET calendar day. */
export const etDateKey = (ts: number): string => etDate(ts);

/** Minutes since ET midnight. */
export const etMinuteOfDay = (ts: number): number => etMinutes(ts);

/**
 * Shifts an instant so a UTC-rendering axis (lightweight-charts) shows the ET wall clock.
 * Returned in whole seconds, as the chart's UTCTimestamp expects.
 */
export function toEtChartTime(ts: number): number {
  return Math.floor((ts + etOffsetMs(ts)) / 1000);
}

/** Inverse of toEtChartTime (exact except within the repeated hour at the autumn DST change). */
export function fromEtChartTime(sec: number): number {
  const guess = sec * 1000;
  const first = guess - etOffsetMs(guess);
  return guess - etOffsetMs(first);
}
