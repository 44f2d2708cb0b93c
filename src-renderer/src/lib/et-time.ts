/**
 * US/Eastern time helpers. Markets run on New York time whatever the machine's zone, so every
 * displayed time goes through Intl with 'America/New_York'.
 */

export const ET_ZONE = 'America/New_York';

const partsFmt = new Intl.DateTimeFormat('en-US', {
  timeZone: ET_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface EtParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function etParts(ts: number): EtParts {
  const out: Record<string, number> = {};
  for (const p of partsFmt.formatToParts(new Date(ts))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour % 24,
    minute: out.minute,
    second: out.second,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:MM:SS" in ET. */
export function fmtEtTime(ts: number | null | undefined): string {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return '—';
  const p = etParts(ts);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** "YYYY-MM-DD" of the ET calendar day. */
export function etDateKey(ts: number): string {
  const p = etParts(ts);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Minutes since ET midnight. */
export function etMinuteOfDay(ts: number): number {
  const p = etParts(ts);
  return p.hour * 60 + p.minute;
}

// The offset only changes at DST boundaries (on the hour), so cache per UTC hour.
const offsetCache = new Map<number, number>();

/** ET offset from UTC in ms at instant ts (-4h in summer, -5h in winter). */
export function etOffsetMs(ts: number): number {
  const hour = Math.floor(ts / 3_600_000);
  const hit = offsetCache.get(hour);
  if (hit !== undefined) return hit;
  const p = etParts(ts);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = Math.round((asUtc - Math.floor(ts / 1000) * 1000) / 60_000) * 60_000;
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(hour, offset);
  return offset;
}

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
