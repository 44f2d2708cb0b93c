/** IB's bar-size and duration strings, request windows, and bar date formats. */
import { etParts, fmtEtDate, fmtEtDateTime, zonedToEpoch } from '../../protocol/time-format';

export type BarUnit = 'ms' | 'week' | 'month';
export interface BarSize {
  /** Bar length for intraday and daily bars; weekly/monthly bars aggregate daily ones. */
  ms: number;
  unit: BarUnit;
  daily: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "1 sec", "5 secs", "1 min", "2 mins", "1 hour", "1 day", "1 week", "1 month". */
export function parseBarSize(text: string): BarSize | undefined {
  const m = /^\s*(\d+)\s+(secs?|mins?|hours?|days?|weeks?|months?|W|M|D)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const u = m[2].toLowerCase();
  const allowed: Record<string, number[]> = {
    sec: [1, 5, 10, 15, 30], min: [1, 2, 3, 5, 10, 15, 20, 30], hour: [1, 2, 3, 4, 8], day: [1], week: [1], month: [1],
  };
  const unit = u.startsWith('sec') ? 'sec' : u.startsWith('min') ? 'min' : u.startsWith('hour') ? 'hour' : u.startsWith('d') ? 'day' : u.startsWith('w') ? 'week' : 'month';
  if (!allowed[unit].includes(n)) return undefined;
  switch (unit) {
    case 'sec':
      return { ms: n * SECOND, unit: 'ms', daily: false };
    case 'min':
      return { ms: n * MINUTE, unit: 'ms', daily: false };
    case 'hour':
      return { ms: n * HOUR, unit: 'ms', daily: false };
    case 'day':
      return { ms: DAY, unit: 'ms', daily: true };
    case 'week':
      return { ms: DAY, unit: 'week', daily: true };
    default:
      return { ms: DAY, unit: 'month', daily: true };
  }
}

export interface Duration {
  n: number;
  unit: 'S' | 'D' | 'W' | 'M' | 'Y';
}

export function parseDuration(text: string): Duration | undefined {
  const m = /^\s*(\d+)\s*([SDWMY])\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0) return undefined;
  return { n: Number(m[1]), unit: m[2].toUpperCase() as Duration['unit'] };
}

/** The window start for a duration ending at `end`: D counts weekdays, W/M/Y are calendar spans. */
export function windowStart(end: number, d: Duration): number {
  switch (d.unit) {
    case 'S':
      return end - d.n * SECOND;
    case 'D': {
      let t = end;
      let left = d.n;
      while (left > 0) {
        t -= DAY;
        const wd = etParts(t).weekday;
        if (wd !== 0 && wd !== 6) left--;
      }
      return t;
    }
    case 'W':
      return end - d.n * 7 * DAY;
    case 'M':
    case 'Y': {
      const p = etParts(end);
      const months = d.unit === 'M' ? d.n : d.n * 12;
      const total = p.year * 12 + (p.month - 1) - months;
      return zonedToEpoch(Math.floor(total / 12), (total % 12) + 1, Math.min(p.day, 28), p.hour, p.minute, p.second);
    }
  }
}

/** A bar's date as TWS writes it: daily bars `yyyyMMdd`; intraday `yyyyMMdd HH:mm:ss US/Eastern` or epoch seconds. */
export function fmtBarDate(ms: number, formatDate: number, daily: boolean): string {
  if (daily) return fmtEtDate(ms);
  return formatDate === 2 ? String(Math.floor(ms / 1000)) : fmtEtDateTime(ms);
}

/** Groups daily bars by ISO week (Monday) or calendar month, keyed by the group's first bar. */
export function groupKey(ms: number, unit: BarUnit): string {
  const p = etParts(ms);
  if (unit === 'month') return `${p.year}-${p.month}`;
  const monday = zonedToEpoch(p.year, p.month, p.day, 12, 0, 0) - ((p.weekday + 6) % 7) * DAY;
  return fmtEtDate(monday);
}
