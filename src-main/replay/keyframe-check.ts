/**
 * Keyframes for the replay: the recorder's, checked (replaying keyframe k's ops must give keyframe k+1's
 * checksum), or for sessions recorded before keyframes existed, built by one pass over depth.arrows and
 * stored beside the session (keyframes.arrows) when the folder is writable.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bookChecksum } from '../../src-shared/domain/replay/book-checksum';
import { BookCursor, BOOK_CLEARING_CODES } from '../../src-shared/domain/replay/book-cursor';
import type { Keyframe, KeyframeReason } from '../../src-shared/domain/replay/keyframe';
import { KeyframeBatchBuilder } from '../recording-format/keyframe-rows';
import { KEYFRAME_FILE, KEYFRAME_SCHEMA } from '../recording-format/schemas';
import type { SessionReader } from '../recording-format/session-reader';
import { writeStreamFile } from '../recording-format/table-file';

/** Built keyframes: one per this many rows, and after every clear. */
export const BUILT_KEYFRAME_EVERY = 2000;
export const CHECK_FILE = 'replay-check.json';

export interface KeyframeMismatch {
  kf: number;
  seq: number;
  expected: number;
  actual: number;
}

export interface KeyframeReport {
  keyframes: Keyframe[];
  /** 'recorded': the recorder's; 'built': built now from the rows (older session). */
  source: 'recorded' | 'built';
  stored: boolean;
  checked: number;
  mismatches: KeyframeMismatch[];
  /** Keyframes dropped on load (torn, or rows not matching their own checksum), or naming rows that are not there. */
  rejected: number;
  warnings: string[];
}

const emptyStart = (): Keyframe => ({ kf: 0, seq: 0, markers: 0, tsRecv: 0, epoch: 1, reason: 'start', checksum: bookChecksum([], []), asks: [], bids: [] });

function snapshot(c: BookCursor, kf: number, ts: number, reason: KeyframeReason): Keyframe {
  const asks = c.book.asks();
  const bids = c.book.bids();
  return { kf, seq: c.seq, markers: c.markers, tsRecv: ts, epoch: c.epoch, reason, checksum: bookChecksum(asks, bids), asks, bids };
}

/** One pass over every row: a keyframe every BUILT_KEYFRAME_EVERY rows and after each clearing marker or epoch change. */
export function buildKeyframes(r: SessionReader): Keyframe[] {
  const markers = r.meta.markers ?? [];
  const c = new BookCursor(markers);
  const out: Keyframe[] = [emptyStart()];
  let since = 0;
  for (let b = 0; b < r.depthBatches.length; b++) {
    const run = r.run(b);
    for (let i = 0; i < run.length; i++) {
      const epochBefore = c.epoch;
      const markersBefore = c.markers;
      c.applyRow(run, i);
      const cleared = c.epoch !== epochBefore || markers.slice(markersBefore, c.markers).some((m) => BOOK_CLEARING_CODES.has(m.code));
      const m0 = c.markers;
      c.applyMarkers(c.seq);
      const clearedAfter = markers.slice(m0, c.markers).some((m) => BOOK_CLEARING_CODES.has(m.code));
      if (++since >= BUILT_KEYFRAME_EVERY || cleared || clearedAfter) {
        out.push(snapshot(c, out.length, run.tsRecv[i], 'built'));
        since = 0;
      }
    }
  }
  if (out.at(-1)!.seq < c.seq) out.push(snapshot(c, out.length, r.lastTs ?? 0, 'built'));
  return out;
}

/** Replays keyframe k's rows and markers up to keyframe k+1, for every k; returns the mismatches. */
export function verifyKeyframes(r: SessionReader, kfs: readonly Keyframe[]): KeyframeMismatch[] {
  const c = new BookCursor(r.meta.markers ?? []);
  const bad: KeyframeMismatch[] = [];
  for (let k = 0; k + 1 < kfs.length; k++) {
    const next = kfs[k + 1];
    c.reset(kfs[k]);
    while (c.seq < next.seq) {
      const b = r.batchOfSeq(c.seq + 1);
      const run = r.run(b);
      const end = Math.min(run.length, next.seq - run.firstSeq + 1);
      for (let i = c.seq + 1 - run.firstSeq; i < end; i++) c.applyRow(run, i);
    }
    c.applyMarkers(next.seq, next.markers);
    c.enterEpoch(next.epoch);
    const actual = c.checksum();
    if (actual !== next.checksum) bad.push({ kf: next.kf, seq: next.seq, expected: next.checksum, actual });
  }
  return bad;
}

interface StoredCheck {
  depthRows: number;
  keyframes: number;
  mismatches: KeyframeMismatch[];
}

/** The session's keyframes, checked once (the result is cached in replay-check.json while the files are unchanged). */
export function loadKeyframes(r: SessionReader): KeyframeReport {
  const stored = r.storedKeyframes();
  const warnings: string[] = [];
  if (!stored || stored.keyframes.length === 0) {
    const keyframes = buildKeyframes(r);
    return { keyframes, source: 'built', stored: storeBuilt(r.dir, keyframes), checked: 0, mismatches: [], rejected: stored?.rejected.length ?? 0, warnings };
  }
  const keyframes = stored.keyframes.filter((k) => k.seq <= r.lastSeq && k.markers <= (r.meta.markers ?? []).length);
  const rejected = stored.rejected.length + stored.keyframes.length - keyframes.length;
  if (keyframes[0]?.seq !== 0) keyframes.unshift(emptyStart());
  if (rejected > 0) warnings.push(`${rejected} keyframe(s) unreadable or past the last recorded row were ignored (seek replays from the one before).`);
  const mismatches = cachedCheck(r, keyframes) ?? runCheck(r, keyframes);
  if (mismatches.length > 0) {
    const m = mismatches[0];
    warnings.push(
      `Replaying the recorded ops does not reproduce ${mismatches.length} of ${keyframes.length - 1} keyframes (first: #${m.kf} at seq ${m.seq}); ` +
        'the book shown near them may differ from what the recorder held.',
    );
  }
  return { keyframes, source: 'recorded', stored: true, checked: keyframes.length - 1, mismatches, rejected, warnings };
}

function cachedCheck(r: SessionReader, kfs: readonly Keyframe[]): KeyframeMismatch[] | null {
  const path = join(r.dir, CHECK_FILE);
  if (!existsSync(path)) return null;
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as StoredCheck;
    return c.depthRows === r.lastSeq && c.keyframes === kfs.length && Array.isArray(c.mismatches) ? c.mismatches : null;
  } catch {
    return null;
  }
}

function runCheck(r: SessionReader, kfs: readonly Keyframe[]): KeyframeMismatch[] {
  const mismatches = verifyKeyframes(r, kfs);
  try {
    const check: StoredCheck = { depthRows: r.lastSeq, keyframes: kfs.length, mismatches };
    writeFileSync(join(r.dir, CHECK_FILE), JSON.stringify(check));
  } catch {
    // Read-only folder: checked again next time.
  }
  return mismatches;
}

function storeBuilt(dir: string, kfs: readonly Keyframe[]): boolean {
  try {
    const batches = [];
    let b = new KeyframeBatchBuilder();
    for (const k of kfs) {
      if (!b.fits(k.asks.length + k.bids.length)) {
        batches.push(b.take());
        b = new KeyframeBatchBuilder(); // take() hands out the buffers: the next batch needs its own
      }
      b.append(k);
    }
    batches.push(b.take());
    writeStreamFile(join(dir, KEYFRAME_FILE), KEYFRAME_SCHEMA, batches);
    return true;
  } catch {
    return false;
  }
}
