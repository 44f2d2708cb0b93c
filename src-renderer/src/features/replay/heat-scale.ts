/**
 * Colour scaling for the heatmap: lower/upper cut-offs taken as percentiles of the visible sizes, so one large
 * wall does not wash out the rest, or typed as exact sizes in shares (the same colour means the same size
 * whatever the view), and a contrast control (a gamma on the scaled size).
 */

export interface HeatScale {
  lo: number;
  hi: number;
  /** 0.2 (flat, shows small sizes) … 3 (steep, only the big walls stand out); 1 is linear. */
  gamma: number;
}

export const MAX_CUTOFF = 1e9;
const clampGamma = (g: number) => Math.min(3, Math.max(0.2, g));

/** The value at percentile p (0–100) of `values` (nearest-rank on a sorted copy); 0 for no values. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
  return sorted[rank];
}

/** Cut-offs from the positive sizes seen, at the given percentiles. */
export function scaleFor(values: ArrayLike<number>, loPct: number, hiPct: number, gamma: number): HeatScale {
  const positive: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > 0) positive.push(values[i]);
  const lo = percentile(positive, loPct);
  const hi = Math.max(lo, percentile(positive, hiPct));
  return { lo, hi, gamma: clampGamma(gamma) };
}

/** Cut-offs at exact sizes (shares). */
export function sizeScale(lo: number, hi: number, gamma: number): HeatScale {
  return { lo, hi: Math.max(lo, hi), gamma: clampGamma(gamma) };
}

export type CutoffCheck = { ok: true; lo: number; hi: number } | { ok: false; field: 'lo' | 'hi'; message: string };

/** A size as typed: digits with optional thousands separators and a k / m suffix ("2,500", "5k", "1.5m"). */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d[\d,_]*(?:\.\d+)?|\.\d+)\s*([km]?)\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1].replace(/[,_]/g, '')) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1);
  return Number.isFinite(n) ? Math.round(n) : null;
}

/** Checks typed lower/upper cut-offs: whole shares, 0 ≤ lower < upper ≤ 1e9; the message says what to fix. */
export function parseCutoffs(loText: string, hiText: string): CutoffCheck {
  const lo = parseSize(loText);
  if (lo === null) return { ok: false, field: 'lo', message: 'Lower cut-off: type a size in shares, e.g. 200 or 1.5k' };
  const hi = parseSize(hiText);
  if (hi === null) return { ok: false, field: 'hi', message: 'Upper cut-off: type a size in shares, e.g. 5000 or 5k' };
  if (hi > MAX_CUTOFF) return { ok: false, field: 'hi', message: 'Upper cut-off: at most 1,000,000,000 shares' };
  if (hi <= lo) return { ok: false, field: 'hi', message: `Upper cut-off must be above the lower (${lo.toLocaleString('en-US')})` };
  return { ok: true, lo, hi };
}

/** A cut-off rounded to two significant figures, to prefill the size fields from the percentile scale shown. */
export function roundCutoff(x: number): number {
  if (!(x > 0)) return 0;
  const p = Math.pow(10, Math.max(0, Math.floor(Math.log10(x)) - 1));
  return Math.round(x / p) * p;
}

/** 0 at or under lo, 1 at or over hi, gamma-curved in between; empty levels (size 0) are 0. */
export function intensity(size: number, s: HeatScale): number {
  if (!(size > 0)) return 0;
  if (s.hi <= s.lo) return size >= s.hi ? 1 : 0;
  const x = Math.min(1, Math.max(0, (size - s.lo) / (s.hi - s.lo)));
  return Math.pow(x, s.gamma);
}

/** 256 RGBA colours from deep blue through cyan and yellow to white (a perceptual, dark-friendly ramp). */
export function palette(): Uint8ClampedArray {
  const stops: [number, number, number, number][] = [
    [0, 16, 24, 48],
    [0.25, 28, 78, 168],
    [0.5, 20, 170, 190],
    [0.75, 240, 200, 40],
    [1, 255, 255, 255],
  ];
  const out = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const x = i / 255;
    let k = 0;
    while (k < stops.length - 2 && x > stops[k + 1][0]) k++;
    const [x0, r0, g0, b0] = stops[k];
    const [x1, r1, g1, b1] = stops[k + 1];
    const f = (x - x0) / (x1 - x0);
    out.set([r0 + (r1 - r0) * f, g0 + (g1 - g0) * f, b0 + (b1 - b0) * f, 255], i * 4);
  }
  return out;
}
