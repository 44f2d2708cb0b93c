/**
 * Crash repair: a session left open (the app died, the disk filled) keeps every whole record batch. Each
 * .arrows file is cut back to its last whole message and given its end-of-stream marker; session.json
 * records what was lost. Runs before recording starts, so no file here is being written.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RecordBatchStreamWriter, type Schema, tableFromIPC } from 'apache-arrow';
import type { RecordingSummary } from '../../src-shared/contract/features/recorder';
import type { Clock } from '../platform/clock';
import { EOS_MARKER, scanIpcStream } from './ipc-framing';
import { DEPTH_SCHEMA, RECORDING_FILES, snapshotSchema, TICKS_SCHEMA } from './recording-schemas';
import { readSessionMeta, recordingsRoot, type SessionMeta, writeSessionMeta } from './session-meta';
import { summaryOf } from './session-summary';

export interface RecordingCatalog {
  upsert(rec: RecordingSummary & { state: 'open' | 'closed' | 'repaired' }): void;
  list(q: { symbol?: string; limit?: number }): RecordingSummary[];
}

export interface FileRepair {
  lostBytes: number;
  rows: number;
  /** Largest tsRecv (ticks/depth) or ts (snapshots) still readable, null when empty. */
  lastTs: number | null;
}

/** Cuts one stream file to its last whole message and closes it with EOS; rewrites the schema if even that was cut. */
export function repairArrowFile(path: string, schema: Schema): FileRepair {
  const bytes = readFileSync(path);
  const scan = scanIpcStream(bytes);
  const fd = openSync(path, 'r+');
  try {
    if (!scan.hasSchema) {
      ftruncateSync(fd, 0);
      const fresh = emptyStream(schema);
      writeSync(fd, fresh, 0, fresh.length, 0);
    } else if (!scan.eos || scan.goodEnd !== bytes.length) {
      ftruncateSync(fd, scan.goodEnd);
      if (!scan.eos) writeSync(fd, EOS_MARKER, 0, EOS_MARKER.length, scan.goodEnd);
    }
  } finally {
    closeSync(fd);
  }
  const lostBytes = scan.hasSchema ? bytes.length - scan.goodEnd : bytes.length;
  return { lostBytes, rows: scan.rows, lastTs: lastTimestamp(path) };
}

/** A whole stream with the schema and no batches. */
function emptyStream(schema: Schema): Uint8Array {
  const w = new RecordBatchStreamWriter();
  w.reset(undefined, schema);
  const bytes = w.toUint8Array(true);
  return Uint8Array.from([...bytes, ...EOS_MARKER]);
}

function lastTimestamp(path: string): number | null {
  const table = tableFromIPC(readFileSync(path));
  if (table.numRows === 0) return null;
  const col = table.getChild('tsRecv') ?? table.getChild('ts');
  const v = col?.get(table.numRows - 1);
  return v === null || v === undefined ? null : Number(v);
}

/** Sessions that never finished: no stoppedAt, or ended by an I/O error and not yet repaired. */
export const isOpenSession = (m: SessionMeta): boolean => m.stoppedAt === null || (m.error !== null && m.repaired === null);

/** Every session folder under `<dataDir>/recordings`. */
export function listSessionDirs(dataDir: string): string[] {
  const root = recordingsRoot(dataDir);
  if (!existsSync(root)) return [];
  const subdirs = (dir: string, prefix: string) =>
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name.startsWith(prefix))
      .map((d) => join(dir, d.name));
  const out: string[] = [];
  for (const sym of subdirs(root, 'symbol=')) for (const day of subdirs(sym, 'date=')) out.push(...subdirs(day, ''));
  return out.sort();
}

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
