/**
 * Data quality of one recorded stream, 0–100 with its reasons. Pure over event times, the session's gaps
 * and IB markers, and the book series. Penalties (documented in docs/analysis.md), each capped:
 * - stale: no update for more than `staleMs` while the market is open — 1 point per 1 % of open time
 *   stale, at most 30;
 * - gaps: 10 points per disconnect gap (1100 / gaps[]), 5 per 1101 (data lost, book re-requested),
 *   3 per 316/317 book reset, together at most 40;
 * - crossed (bid > ask) or locked (bid = ask) books: 1 point per 0.1 % of book time, at most 20;
 * - spread outliers (spread > 5 × the median positive spread, `isOutlier`):
 *   1 point per 0.1 % of book events, at most 10.
 */
import { type BookSeries } from './series';

export interface QualityInput {
  /** Event times of the stream, ascending (ms). */
  times: ArrayLike<number>;
  /** When the market was open during the recording, [start, end) ms, ascending and disjoint. */
  open: ReadonlyArray<readonly [number, number]>;
  gaps: ReadonlyArray<{ start: number; end: number | null; reason: string }>;
  markers: ReadonlyArray<{ ts: number; code: number }>;
  book?: BookSeries;
  staleMs?: number;
}

export interface StalePeriod {
  start: number;
  end: number;
}

export interface QualityReport extends Omit<QualityParts, 'staleCount' | 'staleMs'> {
  score: number;
  reasons: string[];
  stale: StalePeriod[];
}

/** Intervals of `open` longer than `staleMs` with no event (measured from the last event or the open). */
export function stalePeriods(times: ArrayLike<number>, open: QualityInput['open'], staleMs: number): StalePeriod[] {
  const out: StalePeriod[] = [];
  let i = 0;
  for (const [a, z] of open) {
    while (i < times.length && times[i] < a) i++;
    let last = a;
    for (; i < times.length && times[i] < z; i++) {
      if (times[i] - last > staleMs) out.push({ start: last, end: times[i] });
      last = times[i];
    }
    if (z - last > staleMs) out.push({ start: last, end: z });
  }
  return out;
}

/** Share of book time crossed (bid > ask) and locked (bid = ask), and of events with an outlying spread. */
export function bookAnomalies(s: BookSeries): { crossedShare: number; lockedShare: number; spreadOutlierShare: number } {
  const L = s.levels;
  let crossed = 0;
  let locked = 0;
  let total = 0;
  // Spreads sit on a tick grid: a count per distinct value gives the median without sorting a day.
  const counts = new Map<number, number>();
  let positive = 0;
  for (let i = 0; i < s.n; i++) {
    const sp = s.askPx[i * L] - s.bidPx[i * L];
    if (!Number.isFinite(sp)) continue;
    if (sp > 0) {
      const key = Math.round(sp * 1e8);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      positive++;
    }
    const dt = i + 1 < s.n ? s.t[i + 1] - s.t[i] : 0;
    total += dt;
    if (sp < 0) crossed += dt;
    else if (sp === 0) locked += dt;
  }
  const med = medianOfCounts(counts, positive) / 1e8;
  let outliers = 0;
  for (const [key, c] of counts) if (isOutlier(key / 1e8, med)) outliers += c;
  return {
    crossedShare: total > 0 ? crossed / total : 0,
    lockedShare: total > 0 ? locked / total : 0,
    spreadOutlierShare: positive ? outliers / positive : 0,
  };
}

/** A spread more than 5 × the session's median positive spread (a thin or broken book, not a wide market). */
export const isOutlier = (spread: number, median: number): boolean => median > 0 && spread > 5 * median;

/** Median of a distribution given as value → count (lower middle value for an even total). */
export function medianOfCounts(counts: Map<number, number>, total: number): number {
  if (!total) return NaN;
  let seen = 0;
  for (const key of [...counts.keys()].sort((x, y) => x - y)) {
    seen += counts.get(key)!;
    if (seen * 2 >= total) return key;
  }
  return NaN;
}

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

export function streamQuality(q: QualityInput): QualityReport {
  const staleMs = q.staleMs ?? 10_000;
  const stale = stalePeriods(q.times, q.open, staleMs);
  const openMs = q.open.reduce((a, [s, e]) => a + Math.max(0, e - s), 0);
  const staleShare = openMs > 0 ? stale.reduce((a, p) => a + (p.end - p.start), 0) / openMs : 0;
  const book = q.book ? bookAnomalies(q.book) : { crossedShare: 0, lockedShare: 0, spreadOutlierShare: 0 };
  const counts = markerCounts(q.gaps, q.markers);
  return { ...qualityScore({ staleCount: stale.length, staleShare, staleMs, ...counts, ...book }), stale, staleShare, ...counts, ...book };
}

/** Disconnect gaps (the larger of gaps[] and 1100 markers), 1101 resubscribes and 316/317 resets. */
export function markerCounts(gaps: QualityInput['gaps'], markers: QualityInput['markers']): { gaps: number; resubscribes1101: number; resets: number } {
  let lost = 0;
  let resubscribes1101 = 0;
  let resets = 0;
  for (const m of markers) {
    if (m.code === 1100) lost++;
    else if (m.code === 1101) resubscribes1101++;
    else if (m.code === 316 || m.code === 317) resets++;
  }
  return { gaps: Math.max(gaps.length, lost), resubscribes1101, resets };
}

/** What the score is made of; the recorder's live tracker (quality-tracker.ts) fills the same fields. */
export interface QualityParts {
  staleCount: number;
  staleShare: number;
  staleMs: number;
  gaps: number;
  resubscribes1101: number;
  resets: number;
  crossedShare: number;
  lockedShare: number;
  spreadOutlierShare: number;
}

/** The documented penalties (see the file comment) applied to 100, with one reason per penalty taken. */
export function qualityScore(p: QualityParts): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 100;
  const penalize = (points: number, cap: number, why: string) => {
    const x = Math.min(cap, points);
    if (x <= 0) return;
    score -= x;
    reasons.push(`−${Math.round(x * 10) / 10}: ${why}`);
  };
  penalize(p.staleShare * 100, 30, `${p.staleCount} stale period(s) over ${p.staleMs / 1000} s, ${pct(p.staleShare)} of open time`);
  penalize(p.gaps * 10 + p.resubscribes1101 * 5 + p.resets * 3, 40, `${p.gaps} gap(s), ${p.resubscribes1101} 1101 resubscribe(s), ${p.resets} book reset(s) (316/317)`);
  penalize((p.crossedShare + p.lockedShare) * 1000, 20, `book crossed ${pct(p.crossedShare)} and locked ${pct(p.lockedShare)} of the time`);
  penalize(p.spreadOutlierShare * 1000, 10, `${pct(p.spreadOutlierShare)} of spreads above 5 × the median`);
  return { score: Math.max(0, Math.round(score * 10) / 10), reasons };
}
