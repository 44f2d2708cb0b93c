/**
 * The data-quality score of quality.ts kept up to date while a stream records, in O(1) per depth message
 * and no allocation on the hot path (a spread seen before only bumps a counter). Fed the best quotes after
 * every depth row, it gives the same report `streamQuality` gives over the same rows once they are on disk:
 * stale periods over the open interval, time crossed or locked, spreads above 5 × the median, and the gap,
 * 1101 and 316/317 counts from the session's gaps and markers (passed in when a report is asked for).
 */
import { isOutlier, markerCounts, medianOfCounts, type QualityInput, qualityScore, type QualityReport } from './quality';

export type LiveQuality = Omit<QualityReport, 'stale'> & { stalePeriods: number };

export class QualityTracker {
  /** Last event inside the open interval, or its start (stale time is measured from there). */
  private last: number;
  private staleCount = 0;
  private staleTime = 0;
  private prevT = NaN;
  private prevSpread = NaN;
  private bookTime = 0;
  private crossedTime = 0;
  private lockedTime = 0;
  private positive = 0;
  /** Spread (in 1e-8 price units, as quality.ts keys them) → how many events had it. */
  private readonly spreads = new Map<number, number>();
  private runKey = NaN;
  private run = 0;

  /**
   * `open`: when the market is open during this recording, [start, end) ms (an empty interval when the
   * recording lies outside regular hours: then nothing is stale).
   */
  constructor(
    private readonly open: readonly [number, number],
    private readonly staleMs = 10_000,
  ) {
    this.last = open[0];
  }

  /** After each depth row: its receive time and the best bid and ask prices then (NaN for an empty side). */
  depth(t: number, bid: number, ask: number): void {
    const [a, z] = this.open;
    if (t >= a && t < z) {
      if (t - this.last > this.staleMs) {
        this.staleCount++;
        this.staleTime += t - this.last;
      }
      this.last = t;
    }
    // The previous state lasted until this row (quality.ts weighs each state by the time to the next row).
    if (Number.isFinite(this.prevSpread)) {
      const dt = t - this.prevT;
      this.bookTime += dt;
      if (this.prevSpread < 0) this.crossedTime += dt;
      else if (this.prevSpread === 0) this.lockedTime += dt;
    }
    const sp = ask - bid;
    this.prevT = t;
    this.prevSpread = sp;
    if (sp > 0) {
      const key = Math.round(sp * 1e8);
      // The spread rarely changes between rows: count runs and touch the map only when it does.
      if (key !== this.runKey) {
        this.flushRun();
        this.runKey = key;
      }
      this.run++;
      this.positive++;
    }
  }

  private flushRun(): void {
    if (this.run > 0) this.spreads.set(this.runKey, (this.spreads.get(this.runKey) ?? 0) + this.run);
    this.run = 0;
  }

  /** The report as of `now` (a stale stretch still running counts up to now, or to the close). */
  report(now: number, gaps: QualityInput['gaps'], markers: QualityInput['markers']): LiveQuality {
    const [a, z] = this.open;
    const end = Math.min(now, z);
    let staleCount = this.staleCount;
    let staleTime = this.staleTime;
    if (end > a && end - this.last > this.staleMs) {
      staleCount++;
      staleTime += end - this.last;
    }
    const openMs = Math.max(0, end - a);
    const staleShare = openMs > 0 ? staleTime / openMs : 0;
    this.flushRun();
    const med = medianOfCounts(this.spreads, this.positive) / 1e8;
    let outliers = 0;
    for (const [key, c] of this.spreads) if (isOutlier(key / 1e8, med)) outliers += c;
    const book = {
      crossedShare: this.bookTime > 0 ? this.crossedTime / this.bookTime : 0,
      lockedShare: this.bookTime > 0 ? this.lockedTime / this.bookTime : 0,
      spreadOutlierShare: this.positive ? outliers / this.positive : 0,
    };
    const counts = markerCounts(gaps, markers);
    const { score, reasons } = qualityScore({ staleCount, staleShare, staleMs: this.staleMs, ...counts, ...book });
    return { score, reasons, stalePeriods: staleCount, staleShare, ...counts, ...book };
  }
}
