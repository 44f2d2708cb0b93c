/**
 * IB's execution-time strings → UTC epoch ms. IB writes one instant four ways and never says which zone
 * a bare wall time is in, so the zone is always an explicit argument: the machine's own zone is never used.
 *   'yyyyMMdd  HH:mm:ss'                  execDetails (two spaces, no zone): the TWS / account zone
 *   'yyyyMMdd HH:mm:ss America/New_York'  execDetails from newer TWS, and the simulator: the named zone
 *   'yyyyMMdd-HH:mm:ss'                   UTC (API settings "send times in UTC")
 *   'yyyyMMdd;HHmmss' / 'yyyy-MM-dd;HH:mm:ss'  Flex dateTime: the Flex query's zone (US/Eastern unless changed)
 */
import { etToEpoch } from '../et-time';

export const ET_ZONE = 'America/New_York';
const ALIASES: Record<string, string> = {
  EST: ET_ZONE, EDT: ET_ZONE, EST5EDT: ET_ZONE, 'US/Eastern': ET_ZONE, ET: ET_ZONE,
  CST: 'America/Chicago', CDT: 'America/Chicago', 'US/Central': 'America/Chicago',
  UTC: 'UTC', GMT: 'UTC', Z: 'UTC',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** An IANA zone name for what IB printed, or undefined when neither an alias nor a zone Intl knows. */
export function resolveZone(name: string): string | undefined {
  const alias = ALIASES[name];
  if (alias) return alias;
  try {
    formatter(name);
    return name;
  } catch {
    return undefined;
  }
}

function zoneOffsetMs(utcMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in an IANA zone → epoch ms (ET uses the pure DST rule; UTC is exact). */
export function wallToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): number {
  if (zone === 'UTC') return Date.UTC(y, mo - 1, d, h, mi, s);
  if (zone === ET_ZONE) return etToEpoch(`${y}-${pad(mo)}-${pad(d)}`, h, mi, s);
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - zoneOffsetMs(guess, zone);
  return guess - zoneOffsetMs(first, zone);
}

const pad = (n: number) => String(n).padStart(2, '0');

const TWS_RE = /^(\d{4})(\d{2})(\d{2})(\s+)(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?$/;
const UTC_RE = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})$/;
const FLEX_RE = /^(\d{4})-?(\d{2})-?(\d{2})[;,\s]\s*(\d{2}):?(\d{2}):?(\d{2})$/;

export interface ExecTimeZones {
  /** The zone TWS / the account reports bare wall times in (TWS's login zone). */
  accountZone: string;
  /** The zone a Flex query writes its dateTime in. Default America/New_York. */
  flexZone?: string;
}

/**
 * Parses any of IB's execution-time forms. Undefined when the text is not one of them, or names a zone
 * nobody knows (better no time than a wrong one).
 */
export function parseExecTime(text: string, zones: ExecTimeZones): number | undefined {
  const t = text.trim();
  let m = UTC_RE.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = TWS_RE.exec(t);
  if (m) {
    const zone = m[8] ? resolveZone(m[8]) : resolveZone(zones.accountZone);
    return zone && valid(+m[2], +m[3], +m[5], +m[6], +m[7]) ? wallToEpoch(+m[1], +m[2], +m[3], +m[5], +m[6], +m[7], zone) : undefined;
  }
  m = FLEX_RE.exec(t);
  if (m) {
    const zone = resolveZone(zones.flexZone ?? ET_ZONE);
    return zone && valid(+m[2], +m[3], +m[4], +m[5], +m[6]) ? wallToEpoch(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], zone) : undefined;
  }
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  return undefined;
}

function valid(mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}
