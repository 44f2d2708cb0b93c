/** IB time strings → epoch ms. IB speaks exchange-local wall time with a zone name; the app speaks epoch ms. */
const ET = 'America/New_York';
const ALIASES: Record<string, string> = { EST: ET, EDT: ET, EST5EDT: ET, 'US/Eastern': ET, ET: ET };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Zone names TWS prints that Intl does not know (e.g. "Central European Standard Time") fall back to ET. */
export function normaliseZone(name: string | undefined): string {
  if (!name) return ET;
  const alias = ALIASES[name];
  if (alias) return alias;
  try {
    formatter(name);
    return name;
  } catch {
    return ET;
  }
}

function offsetMs(utcMs: number, tz: string): number {
  const p = Object.fromEntries(formatter(tz).formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Wall-clock time in zone `tz` → epoch ms (DST-aware; ambiguous times resolve to the first offset tried). */
export function zonedToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string = ET): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const first = guess - offsetMs(guess, tz);
  const second = guess - offsetMs(first, tz);
  return second;
}

/** IB's UTC form "yyyyMMdd-HH:mm:ss" for endDateTime: no zone name to get wrong. */
export function toIbUtc(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Bar time as IB sends it: epoch seconds (formatDate=2), "yyyyMMdd HH:mm:ss[ TZ]" (one or two spaces), or
 * "yyyyMMdd" (daily bars: 00:00 ET of that date). Undefined when unreadable.
 */
export function parseIbTime(text: string): number | undefined {
  const t = text.trim();
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return zonedToEpoch(+m[1], +m[2], +m[3], 0, 0, 0, ET);
  m = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})$/.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = /^(\d{4})(\d{2})(\d{2})\s+(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?$/.exec(t);
  if (m) return zonedToEpoch(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], normaliseZone(m[7]));
  return undefined;
}
