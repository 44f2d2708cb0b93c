/**
 * Stock splits from LEAN factor files (`YYYYMMDD,price_factor,split_factor,reference_price`).
 * A row's factors hold for every date after the previous row up to and including its own date, so a
 * change of split factor between two rows is a split effective on the first session after the
 * earlier row's date (AAPL: row 2014-06-06 at 1/28, next row at 1/4 → 7:1 effective 2014-06-09).
 */
import type { Bar } from './bar';
import { etDate, nextTradingDay } from './market-time';

export interface FactorRow {
  date: string;
  priceFactor: number;
  splitFactor: number;
  referencePrice: number;
}

export interface Split {
  /** The first session that trades on the new share count. */
  date: string;
  /** New shares per old share (7 for a 7:1 split, 0.1 for a 1:10 reverse split). */
  ratio: number;
}

export function parseFactorFile(text: string): FactorRow[] {
  const rows: FactorRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cells = line.trim().split(',');
    if (cells.length < 3 || !/^\d{8}$/.test(cells[0])) continue;
    const [ymd, pf, sf, ref] = cells;
    rows.push({
      date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
      priceFactor: Number(pf),
      splitFactor: Number(sf),
      referencePrice: Number(ref ?? 0),
    });
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Snap a ratio computed from 7-digit factors to the nearest simple fraction (p/q, q ≤ 100). */
export function snapRatio(r: number): number {
  for (let q = 1; q <= 100; q++) {
    const p = Math.round(r * q);
    if (p > 0 && Math.abs(p / q - r) / r < 1e-5) return p / q;
  }
  return r;
}

export function splitsFromFactors(rows: FactorRow[]): Split[] {
  const out: Split[] = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    const before = rows[i].splitFactor;
    const after = rows[i + 1].splitFactor;
    if (before > 0 && after > 0 && Math.abs(after / before - 1) > 1e-6) {
      out.push({ date: nextTradingDay(rows[i].date), ratio: snapRatio(after / before) });
    }
  }
  return out;
}

/** The combined ratio of splits effective on a date (1 when none). */
export function splitRatioOn(splits: Split[], date: string): number {
  return splits.reduce((acc, s) => (s.date === date ? acc * s.ratio : acc), 1);
}

/** The combined ratio of splits effective after `from` and on or before `to`. */
export function splitRatioBetween(splits: Split[], from: string, to: string): number {
  return splits.reduce((acc, s) => (s.date > from && s.date <= to ? acc * s.ratio : acc), 1);
}

/**
 * Raw bars → bars in today's share terms: prices ÷ and volumes × the ratio of every split that took
 * effect after the bar's session, up to and including `asOf`.
 */
export function splitAdjustBars(bars: Bar[], splits: Split[], asOf: string): Bar[] {
  return bars.map((b) => {
    const r = splitRatioBetween(splits, etDate(b.tsOpen), asOf);
    if (r === 1) return b;
    const adj: Bar = {
      ...b,
      open: b.open / r,
      high: b.high / r,
      low: b.low / r,
      close: b.close / r,
      volume: b.volume * r,
    };
    if (b.vwap !== undefined) adj.vwap = b.vwap / r;
    return adj;
  });
}
