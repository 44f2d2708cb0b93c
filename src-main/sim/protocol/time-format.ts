/** Dates as TWS writes and reads them (US/Eastern wall clock, IB's `yyyyMMdd HH:mm:ss` forms). */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

const TZ_ALIASES: Record<string, string> = {
  'US/Eastern': 'America/New_York',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  'US/Central': 'America/Chicago',
  'US/Pacific': 'America/Los_Angeles',
  GMT: 'UTC',
  UTC: 'UTC',
};

export const SIM_TZ_NAME = 'US/Eastern';
const ET = 'America/New_York';

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset (ms) of `tz` from UTC at instant `ms`, cached per hour. */
export function tzOffsetMs(ms: number, tz = ET): number {
  const hourKey = `${tz}|${Math.floor(ms / 3_600_000)}`;
  const hit = offsetCache.get(hourKey);
  if (hit !== undefined) return hit;
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(Math.floor(ms / 1000) * 1000))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const off = asUtc - Math.floor(ms / 1000) * 1000;
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(hourKey, off);
  return off;
}

export interface EtParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

export function etParts(ms: number): EtParts {
  const d = new Date(ms + tzOffsetMs(ms));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

const p2 = (n: number) => (n < 10 ? '0' + n : String(n));

export function fmtEtDate(ms: number): string {
  const p = etParts(ms);
  return `${p.year}${p2(p.month)}${p2(p.day)}`;
}

/** `20260402 09:30:00 US/Eastern`: connection time, bar dates (formatDate=1), execution times. */
export function fmtEtDateTime(ms: number, withZone = true): string {
  const p = etParts(ms);
  const s = `${p.year}${p2(p.month)}${p2(p.day)} ${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}`;
  return withZone ? `${s} ${SIM_TZ_NAME}` : s;
}

export function fmtEtHhMm(ms: number): string {
  const p = etParts(ms);
  return `${p2(p.hour)}:${p2(p.minute)}`;
}

/** Epoch ms of a wall-clock time in `tz`. */
export function zonedToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, tz = ET): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const off1 = tzOffsetMs(guess - tzOffsetMs(guess, tz), tz);
  return guess - off1;
}

/** ET midnight at the start of the ET calendar day containing `ms`. */
export function etDayStart(ms: number): number {
  const p = etParts(ms);
  return zonedToEpoch(p.year, p.month, p.day, 0, 0, 0);
}

/**
 * Parses IB's end-date forms: "" → undefined, "yyyyMMdd HH:mm:ss[ tz]", "yyyyMMdd-HH:mm:ss" (UTC),
 * "yyyyMMdd" (end of that day). Unknown zone names are read as US/Eastern (the simulator's TWS zone).
 */
export function parseIbDateTime(text: string): number | undefined | 'invalid' {
  const t = text.trim();
  if (t === '') return undefined;
  let m = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})$/.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = /^(\d{4})(\d{2})(\d{2})\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/.exec(t);
  if (m) {
    const zone = m[7] ? (TZ_ALIASES[m[7]] ?? (isZone(m[7]) ? m[7] : ET)) : ET;
    return zonedToEpoch(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), zone);
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return zonedToEpoch(+m[1], +m[2], +m[3], 23, 59, 59) + 1000;
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  return 'invalid';
}

function isZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}
