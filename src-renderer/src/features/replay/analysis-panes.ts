/**
 * The analysis panes under the heatmap, the pure parts: which bucket a range is asked in, which range is
 * asked for (snapped to the bucket so a small pan asks nothing new), where each pane sits, the value scales
 * of what is visible, buckets → pixels, the bucket under the pointer, and the volume profile per heatmap row.
 */
import type { ReplayAnalysis, ReplayPanes } from '../../../../src-shared/contract/features/replay';
import type { TimeWindow } from './time-window';

/** Bucket sizes the panes ask in (ms), within what replay:analysis accepts (100 ms to 1 h). */
export const PANE_BUCKETS = [100, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** The smallest bucket giving at least `pxPerBucket` pixels a bucket across `widthPx`. */
export function paneBucketMs(spanMs: number, widthPx: number, pxPerBucket = 3): number {
  const want = Math.max(1, spanMs) / Math.max(1, widthPx / pxPerBucket);
  return PANE_BUCKETS.find((b) => b >= want) ?? PANE_BUCKETS[PANE_BUCKETS.length - 1];
}

export type PaneScope = 'visible' | 'session';

export interface PaneRequest {
  bucketMs: number;
  /** Omitted for the whole replay. */
  from?: number;
  to?: number;
}

/**
 * What to ask main for. The visible range is widened to whole buckets, so panning within a bucket (or a
 * playhead that follows inside the window) leaves the request unchanged.
 */
export function paneRequest(scope: PaneScope, replay: { start: number; end: number }, w: TimeWindow | null, widthPx: number): PaneRequest {
  if (scope === 'session' || !w || (w.t0 <= replay.start && w.t1 >= replay.end)) return { bucketMs: paneBucketMs(replay.end - replay.start, widthPx) };
  const bucketMs = paneBucketMs(w.t1 - w.t0, widthPx);
  const from = Math.max(0, Math.floor(w.t0 / bucketMs) * bucketMs);
  return { bucketMs, from, to: Math.max(from + bucketMs, Math.ceil(w.t1 / bucketMs) * bucketMs) };
}

export const requestKey = (replayId: string, r: PaneRequest): string => `${replayId}|${r.bucketMs}|${r.from ?? ''}|${r.to ?? ''}`;

export type PaneKind = 'ofi' | 'cvd' | 'imbalance' | 'spread' | 'depth';
export const PANE_KINDS: PaneKind[] = ['ofi', 'cvd', 'imbalance', 'spread', 'depth'];

export interface PaneRow {
  kind: PaneKind;
  y0: number;
  y1: number;
}

/** The panes stacked top to bottom, equal heights, a pixel apart. */
export function paneLayout(height: number, kinds: readonly PaneKind[] = PANE_KINDS): PaneRow[] {
  const h = height / Math.max(1, kinds.length);
  return kinds.map((kind, i) => ({ kind, y0: Math.round(i * h), y1: Math.round((i + 1) * h) - 1 }));
}

export const paneAt = (rows: readonly PaneRow[], y: number): PaneRow | null => rows.find((r) => y >= r.y0 && y <= r.y1) ?? null;

/** Buckets [i0, i1) overlapping the window. */
export function visibleBuckets(t: readonly number[], bucketMs: number, w: TimeWindow): [number, number] {
  let i0 = 0;
  while (i0 < t.length && t[i0] + bucketMs <= w.t0) i0++;
  let i1 = i0;
  while (i1 < t.length && t[i1] < w.t1) i1++;
  return [i0, i1];
}

/** A bucket's left and right edges in px on the shared time axis (the heatmap's: full width). */
export function bucketPx(t: number, bucketMs: number, w: TimeWindow, width: number): [number, number] {
  const k = width / Math.max(1, w.t1 - w.t0);
  return [(t - w.t0) * k, (t + bucketMs - w.t0) * k];
}

/** Index of the bucket under x, or -1. */
export function bucketAtX(t: readonly number[], bucketMs: number, w: TimeWindow, width: number, x: number): number {
  const ts = w.t0 + (x / Math.max(1, width)) * (w.t1 - w.t0);
  let lo = 0;
  let hi = t.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (ts < t[m]) hi = m - 1;
    else if (ts >= t[m] + bucketMs) lo = m + 1;
    else return m;
  }
  return -1;
}

/**
 * [lo, hi] of the visible values (nulls skipped), widened so a flat series still has a height; with
 * `zero` the range always holds 0 (bars and deltas grow from it); with `symmetric` it is ±max|v|.
 */
export function valueRange(cols: ReadonlyArray<ReadonlyArray<number | null>>, i0: number, i1: number, o: { zero?: boolean; symmetric?: boolean } = {}): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cols) {
    for (let i = i0; i < i1; i++) {
      const v = c[i];
      if (v === null || v === undefined) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [-1, 1];
  if (o.zero) [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0)];
  if (o.symmetric) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  if (hi - lo < 1e-12) return [lo - (Math.abs(lo) || 1) * 0.05, hi + (Math.abs(hi) || 1) * 0.05];
  return [lo, hi];
}

/** y of value v in a pane row with range [lo, hi] (2 px of padding top and bottom). */
export const yIn = (row: PaneRow, lo: number, hi: number, v: number): number => row.y1 - 2 - ((v - lo) / (hi - lo || 1)) * (row.y1 - row.y0 - 4);

export type PaneData = Pick<ReplayAnalysis, 'ofi' | 'cvd' | 'spread' | 'depthImbalance' | 'quality'> & {
  profile: ReplayAnalysis['profile'] & { bins?: Array<{ price: number; volume: number }> };
  panes: ReplayPanes;
};

/** Volume per heatmap row (rows of `group` ticks, top row `topRow`, `rows` shown), and which rows are POC / value area. */
export function profileRows(bins: ReadonlyArray<{ price: number; volume: number }>, minTick: number, group: number, topRow: number, rows: number, poc: number | null, val: number | null, vah: number | null) {
  const volume = new Float64Array(rows);
  const rowOf = (price: number) => Math.floor(Math.round(price / minTick) / group);
  for (const b of bins) {
    const i = topRow - rowOf(b.price);
    if (i >= 0 && i < rows) volume[i] += b.volume;
  }
  const at = (p: number | null) => (p === null ? null : topRow - rowOf(p));
  const [pocRow, vahRow, valRow] = [at(poc), at(vah), at(val)];
  return { volume, pocRow, vahRow, valRow };
}
