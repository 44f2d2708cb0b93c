/** Number and size formatting for dense trader tables. Unknown values render as an em dash, never 0. */

export const DASH = '—';

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Prices: 4 decimals under $1 (sub-penny ticks), 2 otherwise. */
export function fmtPrice(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return v.toFixed(Math.abs(v) < 1 ? 4 : 2);
}

/** A spread: cents as 2 decimals, sub-penny spreads with 4. */
export function fmtSpread(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  // Float noise (0.00999999…) must not read as a sub-penny spread.
  const cents = v * 100;
  return v.toFixed(Math.abs(cents - Math.round(cents)) < 1e-6 ? 2 : 4);
}

/** Signed percent with one decimal: "+12.3%". */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  if (!isNum(v)) return DASH;
  const s = v.toFixed(digits);
  return v > 0 ? `+${s}%` : `${s}%`;
}

/** Share counts: 950, 12.3K, 4.56M, 1.2B. */
export function fmtVolume(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}K`;
  return Math.round(v).toString();
}

/** Plain integer with thousands separators. */
export function fmtInt(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return Math.round(v).toLocaleString('en-US');
}

/** Multiplier such as RVOL: "3.42x". */
export function fmtRatio(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return `${v.toFixed(v >= 100 ? 0 : 2)}x`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Human bytes in powers of 1024: "512 B", "1.5 MB". */
export function fmtBytes(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  let n = Math.max(0, v);
  let u = 0;
  while (n >= 1024 && u < BYTE_UNITS.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${n.toFixed(n >= 100 ? 0 : 1)} ${BYTE_UNITS[u]}`;
}

/** Messages per second: "1.2k/s", "35/s". */
export function fmtRate(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k/s`;
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)}/s`;
}

/** Age of a timestamp relative to now: "now", "4s", "3m", "2h". */
export function fmtAge(ts: number | null | undefined, now: number): string {
  if (!isNum(ts)) return DASH;
  const s = Math.max(0, Math.floor((now - ts) / 1000));
  if (s < 1) return 'now';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

/** -1, 0 or 1 for green/red colouring; 0 for unknown. */
export function signOf(v: number | null | undefined): -1 | 0 | 1 {
  if (!isNum(v) || v === 0) return 0;
  return v > 0 ? 1 : -1;
}
