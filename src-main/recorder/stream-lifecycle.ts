/**
 * How a recording stream's session begins (folder and files created, cataloged as open) and ends
 * (subscriptions released, files closed with their end marker, catalog updated).
 */
import type { RecorderSettings } from '../../src-shared/contract/features/settings';
import { sessionFor } from '../../src-shared/domain/market-time';
import { QualityTracker } from '../../src-shared/domain/metrics/quality-tracker';
import type { Clock } from '../platform/clock';
import type { RecordingCatalog } from './repair';
import type { RecordingStream } from './recording-stream';
import { summaryOf } from './session-summary';
import { SessionWriter } from './session-writer';

export interface SessionDeps {
  dataDir: string;
  clock: Clock;
  catalog: RecordingCatalog;
  settings: () => RecorderSettings;
}

/** Creates the session on disk and makes `s` active; throws an Error with a trader-facing message when it cannot. */
export function beginSession(s: RecordingStream, d: SessionDeps, onDiskFailure: (message: string) => void): void {
  s.writer = new SessionWriter({
    dataDir: d.dataDir,
    symbol: s.symbol,
    instrument: s.instrument,
    clock: d.clock,
    snapshotLevels: d.settings().snapshotLevels,
    onFailure: onDiskFailure,
  });
  d.catalog.upsert({ ...summaryOf(s.writer.dir, s.writer.meta), state: 'open' });
  s.quality = new QualityTracker(openInterval(s.writer.meta.date, s.writer.meta.startedAt));
  s.phase = 'active';
}

/** Regular hours from the session's start on (as the analysis's stale periods count them); empty off-hours. */
export function openInterval(date: string, startedAt: number): [number, number] {
  const day = sessionFor(date);
  if (!day) return [startedAt, startedAt];
  const a = Math.max(startedAt, day.open);
  return [a, Math.max(a, day.close)];
}

/**
 * Stops `s` at `now`. With `error` it ends in error; a disk failure of its files does too (the catalog
 * then keeps the session 'open' so repair on next start finds it).
 */
export function endStream(s: RecordingStream, catalog: RecordingCatalog, now: number, error: string | null = null): void {
  s.phase = 'stopping';
  s.releaseSubscriptions();
  if (s.writer) {
    // The score the panel showed, kept with the session: the session browser shows it without reading the files.
    const q = s.quality?.report(now, s.writer.meta.gaps, s.writer.meta.markers);
    if (q) s.writer.meta.quality = { score: q.score, reasons: q.reasons, stalePeriods: q.stalePeriods, gaps: q.gaps, resubscribes1101: q.resubscribes1101, resets: q.resets };
    s.writer.close(now);
    catalog.upsert({ ...summaryOf(s.writer.dir, s.writer.meta), state: s.writer.failed ? 'open' : 'closed' });
  }
  const failure = error ?? s.writer?.failed ?? null;
  s.phase = failure === null ? 'stopped' : 'error';
  if (failure !== null) s.error = failure;
}
