/**
 * Keyframes: the whole book at a point of a recording, so a seek replays only the ops after the nearest one.
 * A point of a recording is (seq, markers): after depth row `seq` and after the first `markers` entries of
 * session.json's markers (316/317 markers clear the book right after the row they name), in that order.
 */
import type { BookRow } from '../book';

export const KEYFRAME_REASONS = ['start', 'subscribe', 'periodic', 'reset', 'resubscribe', 'epoch', 'gap', 'close', 'built'] as const;
export type KeyframeReason = (typeof KEYFRAME_REASONS)[number];

export interface RecordingPoint {
  /** Last depth seq included (0: before the first row). */
  seq: number;
  /** How many session markers are included (those after row `seq` count only when included). */
  markers: number;
}

export interface Keyframe extends RecordingPoint {
  /** Keyframe number within the session, 0-based, in recording order. */
  kf: number;
  /** Receive time of the book state (the row's tsRecv, or when a clear happened). */
  tsRecv: number;
  /** Connection epoch of the book; a row of another epoch starts from an empty book. */
  epoch: number;
  reason: KeyframeReason;
  checksum: number;
  asks: BookRow[];
  bids: BookRow[];
}

export const comparePoints = (a: RecordingPoint, b: RecordingPoint): number => a.seq - b.seq || a.markers - b.markers;

/** Index of the last keyframe at or before `target` (keyframes sorted by point), or -1 when none is. */
export function findKeyframe(keyframes: readonly RecordingPoint[], target: RecordingPoint): number {
  let lo = 0;
  let hi = keyframes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (comparePoints(keyframes[mid], target) <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the last element of an ascending array ≤ v, or -1. */
export function lastAtOrBefore(values: ArrayLike<number>, v: number, lo = 0, hi = values.length - 1): number {
  let found = lo - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= v) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
