/**
 * Calendar-date arithmetic on 'YYYY-MM-DD' strings, with no time zone involved.
 * Day numbers are days since 1970-01-01 (proleptic Gregorian), which makes "next day" and
 * "day of week" plain integer math.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Ymd = { y: number; m: number; d: number };

export function parseYmd(date: string): Ymd {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function isYmd(date: string): boolean {
  return DATE_RE.test(date);
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export function formatYmd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function dayNumberOf(date: string): number {
  const { y, m, d } = parseYmd(date);
  return dayNumber(y, m, d);
}

export function dateOfDayNumber(day: number): string {
  const t = new Date(day * DAY_MS);
  return formatYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(y: number, m: number, d: number): number {
  return (((dayNumber(y, m, d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Day of month of the n-th (1-based) given weekday in a month. */
export function nthWeekday(y: number, m: number, dow: number, n: number): number {
  const first = weekday(y, m, 1);
  return 1 + ((dow - first + 7) % 7) + 7 * (n - 1);
}

/** Day of month of the last given weekday in a month. */
export function lastWeekday(y: number, m: number, dow: number): number {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday(y, m, days);
  return days - ((last - dow + 7) % 7);
}

/** Easter Sunday (Gregorian; anonymous "Meeus/Jones/Butcher" computus) as [month, day]. */
export function easter(y: number): [number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}
