/** Parsing and formatting of the numbers a trader types into the scanner filters. */

export type Parsed = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-a-number' };

const SHARE_UNITS: { suffix: string; factor: number }[] = [
  { suffix: 'B', factor: 1e9 },
  { suffix: 'M', factor: 1e6 },
  { suffix: 'K', factor: 1e3 },
];

// Digits with optional thousands separators and decimals; a sign is allowed (gap may be negative).
const PLAIN = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;

function parsePlain(s: string): Parsed {
  if (s === '') return { ok: false, reason: 'empty' };
  if (!PLAIN.test(s) || !/\d/.test(s)) return { ok: false, reason: 'not-a-number' };
  return { ok: true, value: Number(s.replace(/,/g, '')) };
}

/** A plain number; a leading "$" or a trailing "%" (whichever the field shows) is tolerated. */
export function parseNumber(text: string, unit?: '$' | '%'): Parsed {
  let s = text.trim();
  if (unit === '$') s = s.replace(/^([+-]?)\$\s*/, '$1');
  if (unit === '%') s = s.replace(/\s*%$/, '');
  return parsePlain(s);
}

/** A share count with optional K/M/B shorthand: "50k", "1.2M", "250,000". */
export function parseShares(text: string): Parsed {
  const s = text.trim().replace(/\s+/g, '');
  const unit = SHARE_UNITS.find((u) => s.toUpperCase().endsWith(u.suffix));
  if (!unit) return parsePlain(s);
  const base = parsePlain(s.slice(0, -1));
  if (!base.ok) return { ok: false, reason: 'not-a-number' };
  // 1.15 * 1e6 is 1149999.9999999998 in floating point: snap to the share the trader meant.
  const raw = base.value * unit.factor;
  const snapped = Math.round(raw);
  return { ok: true, value: Math.abs(raw - snapped) < 1e-6 ? snapped : raw };
}

/** Shares in the shortest exact shorthand: 50000 → "50K", 1200000 → "1.2M", 12345 → "12,345". */
export function fmtShares(v: number): string {
  for (const u of SHARE_UNITS) {
    const scaled = v / u.factor;
    // Up to 2 decimals keeps it exact and short; anything finer reads better spelled out.
    if (Math.abs(scaled) >= 1 && Math.abs(scaled * 100 - Math.round(scaled * 100)) < 1e-6) {
      return `${Number(scaled.toFixed(2))}${u.suffix}`;
    }
  }
  return Math.round(v).toLocaleString('en-US');
}

/** Dollars without noise: 1 → "1", 2.5 → "2.50", 0.0005 → "0.0005". */
export function fmtDollars(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const s = String(Number(v.toFixed(4)));
  const decimals = s.split('.')[1]?.length ?? 0;
  return decimals < 2 ? v.toFixed(2) : s;
}
