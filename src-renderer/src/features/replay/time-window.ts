/**
 * The heatmap's and candles' shared time window: zoom around an instant, pan, fit, and keep the playhead in
 * view. Pure: every function returns a new window clamped inside the replay's span.
 */

export interface TimeWindow {
  t0: number;
  t1: number;
}

/** The narrowest window (a few column slices of the finest cache, so zooming in never shows one blur). */
export const MIN_SPAN_MS = 2_000;

/** The whole replay. */
export const fitWindow = (start: number, end: number): TimeWindow => ({ t0: start, t1: Math.max(end, start + 1) });

/** Keeps the span within [MIN_SPAN_MS, end − start] and the window inside [start, end]. */
export function clampWindow(w: TimeWindow, start: number, end: number): TimeWindow {
  const full = Math.max(1, end - start);
  const span = Math.min(full, Math.max(Math.min(MIN_SPAN_MS, full), w.t1 - w.t0));
  const t0 = Math.min(end - span, Math.max(start, w.t0));
  return { t0, t1: t0 + span };
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping `anchor` at the same place on screen. */
export function zoomAt(w: TimeWindow, anchor: number, factor: number, start: number, end: number): TimeWindow {
  const f = Math.max(0.01, factor);
  const a = Math.min(w.t1, Math.max(w.t0, anchor));
  return clampWindow({ t0: a - (a - w.t0) * f, t1: a + (w.t1 - a) * f }, start, end);
}

/** Moves the window by dt ms (positive = later). */
export const panBy = (w: TimeWindow, dt: number, start: number, end: number): TimeWindow => clampWindow({ t0: w.t0 + dt, t1: w.t1 + dt }, start, end);

/** Wheel delta (pixels, as browsers report it) → zoom factor; one notch (100 px) ≈ 1.25×. */
export const wheelFactor = (deltaY: number): number => Math.exp(Math.max(-500, Math.min(500, deltaY)) * 0.00223);

/**
 * The window moved just enough to show the playhead, with a margin of `margin` of the span: returns `w`
 * itself when the playhead is already in view (so a caller can tell nothing changed).
 */
export function follow(w: TimeWindow, ts: number, start: number, end: number, margin = 0.1): TimeWindow {
  if (ts >= w.t0 && ts <= w.t1) return w;
  const span = w.t1 - w.t0;
  const t0 = ts > w.t1 ? ts - span * (1 - margin) : ts - span * margin;
  return clampWindow({ t0, t1: t0 + span }, start, end);
}

/** True when the window shows the whole replay. */
export const isFit = (w: TimeWindow, start: number, end: number): boolean => w.t0 <= start && w.t1 >= end;
