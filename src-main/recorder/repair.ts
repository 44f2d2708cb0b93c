/**
 * Crash repair: a session left open (the app died, the disk filled) keeps every whole record batch. Each
 * .arrows file is cut back to its last whole message and given its end-of-stream marker; session.json
 * records what was lost. Runs before recording starts, so no file here is being written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Schema, tableFromIPC } from 'apache-arrow';
import type { RecordingSummary } from '../../src-shared/contract/features/recorder';
import type { Clock } from '../platform/clock';
import { scanIpcStream } from '../recording-format/ipc-framing';
import { DEPTH_SCHEMA, KEYFRAME_FILE, KEYFRAME_SCHEMA, RECORDING_FILES, snapshotSchema, TICKS_SCHEMA } from '../recording-format/schemas';
import { listSessionDirs, readSessionMeta, type SessionMeta, writeSessionMeta } from '../recording-format/session-meta';
import { repairArrowFile } from '../recording-format/stream-repair';
import { summaryOf } from './session-summary';

export interface RecordingCatalog {
  upsert(rec: RecordingSummary & { state: 'open' | 'closed' | 'repaired' }): void;
  list(q: { symbol?: string; limit?: number }): RecordingSummary[];
}

/** Sessions that never finished: no stoppedAt, or ended by an I/O error and not yet repaired. */
export const isOpenSession = (m: SessionMeta): boolean => m.stoppedAt === null || (m.error !== null && m.repaired === null);

export interface RepairReport {
  repaired: number;
  lostBytes: number;
  sessions: Array<{ dir: string; lostBytes: number; lastGoodTsRecv: number | null }>;
}

/** Repairs one session folder in place and returns its updated meta. */
export function repairSession(dir: string, meta: SessionMeta, clock: Clock): SessionMeta {
  const schemas: Record<keyof typeof RECORDING_FILES, Schema> = {
    depth: DEPTH_SCHEMA,
    ticks: TICKS_SCHEMA,
    snapshots: snapshotSchema(snapshotLevelsOf(dir)),
  };
  const files: Record<string, number> = {};
  let lostBytes = 0;
  let lastGood: number | null = null;
  for (const key of Object.keys(RECORDING_FILES) as Array<keyof typeof RECORDING_FILES>) {
    const path = join(dir, RECORDING_FILES[key]);
    if (!existsSync(path)) continue;
    const r = repairArrowFile(path, schemas[key]);
    files[RECORDING_FILES[key]] = r.lostBytes;
    lostBytes += r.lostBytes;
    if (key !== 'snapshots' && r.lastTs !== null) lastGood = Math.max(lastGood ?? r.lastTs, r.lastTs);
    if (key === 'depth') meta.counts.depthMessages = r.rows;
  }
  // Keyframes are derived data: repaired alike, not counted as lost recording (the replay rebuilds what is missing).
  if (existsSync(join(dir, KEYFRAME_FILE))) repairArrowFile(join(dir, KEYFRAME_FILE), KEYFRAME_SCHEMA);
  const at = clock.now();
  meta.repaired = { at, lostBytes, lastGoodTsRecv: lastGood, files };
  meta.stoppedAt = meta.stoppedAt ?? lastGood ?? meta.startedAt;
  writeSessionMeta(dir, meta);
  return meta;
}

/** A snapshot file's level count, read from its schema (the setting may have changed since). */
function snapshotLevelsOf(dir: string): number {
  try {
    const scan = readFileSync(join(dir, RECORDING_FILES.snapshots));
    const t = tableFromIPC(scan.subarray(0, scanIpcStream(scan).goodEnd));
    return Math.max(1, (t.schema.fields.length - 2) / 4);
  } catch {
    return 10;
  }
}

/** Finds sessions left open (session.json or the catalog says so), repairs them and updates the catalog. */
export function repairRecordings(dataDir: string, catalog: RecordingCatalog, clock: Clock, skip: ReadonlySet<string> = new Set()): RepairReport {
  const report: RepairReport = { repaired: 0, lostBytes: 0, sessions: [] };
  const openInCatalog = new Set(catalog.list({}).filter((r) => r.stoppedAt === null && !r.repaired).map((r) => r.path));
  for (const dir of listSessionDirs(dataDir)) {
    if (skip.has(dir)) continue;
    const meta = readSessionMeta(dir);
    if (!meta || !(isOpenSession(meta) || (openInCatalog.has(dir) && meta.repaired === null))) continue;
    const fixed = repairSession(dir, meta, clock);
    const lost = fixed.repaired?.lostBytes ?? 0;
    report.repaired++;
    report.lostBytes += lost;
    report.sessions.push({ dir, lostBytes: lost, lastGoodTsRecv: fixed.repaired?.lastGoodTsRecv ?? null });
    catalog.upsert({ ...summaryOf(dir, fixed), state: 'repaired' });
  }
  return report;
}
