/**
 * session.json: what a reader needs besides the Arrow files (contract, start/stop, counts, connection
 * epochs, gaps, IB markers, repair report), and where a session lives on disk (DESIGN.md §5).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { etDate, etMsOfDay } from '../../src-shared/domain/et-time';
import type { Instrument } from '../../src-shared/domain/instrument';

export const SESSION_FILE = 'session.json';
export const SESSION_VERSION = 1;

export interface SessionCounts {
  depthMessages: number;
  tickMessages: number;
  trades: number;
  quotes: number;
  snapshots: number;
  rowsWritten: number;
  bytes: number;
}

export interface SessionMarker {
  ts: number;
  /** IB code: 316 resubscribe, 317 book reset, 1100 lost, 1101 restored with data lost, 1102 restored. */
  code: number;
  text: string;
  /** Last depth seq written before the marker (replay applies it after that row). */
  seq: number;
  epoch: number;
}

export interface SessionMeta {
  version: number;
  sessionId: string;
  symbol: string;
  date: string;
  contract: Instrument | null;
  startedAt: number;
  stoppedAt: number | null;
  counts: SessionCounts;
  /** Epoch n began at `start` (1 at session start, +1 after every reconnect that lost data; each starts from an empty book). */
  epochs: Array<{ epoch: number; start: number }>;
  gaps: Array<{ start: number; end: number | null; reason: string }>;
  markers: SessionMarker[];
  /** Why the session ended early, when it did (disk full, stream error). */
  error: string | null;
  repaired: { at: number; lostBytes: number; lastGoodTsRecv: number | null; files: Record<string, number> } | null;
  /** The recorder's live data-quality score at the session's end (absent for older, converted or crash-repaired sessions). */
  quality?: { score: number; reasons: string[]; stalePeriods: number; gaps: number; resubscribes1101: number; resets: number };
  /** Where the data came from: absent = recorded from IB; 'databento' = converted from a Databento MBP-10 download. */
  source?: 'ib' | 'databento';
  /** For a Databento session: what was converted (docs/databento.md). */
  databento?: {
    dataset: string;
    schema: string;
    instrumentId: number;
    dbnVersion: number;
    records: number;
    skipped: number;
    requested: { dataset: string; schema: string; start: number; end: number } | null;
  };
}

export const emptyCounts = (): SessionCounts => ({
  depthMessages: 0,
  tickMessages: 0,
  trades: 0,
  quotes: 0,
  snapshots: 0,
  rowsWritten: 0,
  bytes: 0,
});

/** Calendar date and wall time in New York (the market's day, not the machine's). */
export function etParts(ms: number): { date: string; hhmmss: string } {
  const sec = Math.floor(etMsOfDay(ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: etDate(ms), hhmmss: `${pad(Math.floor(sec / 3600))}${pad(Math.floor(sec / 60) % 60)}${pad(sec % 60)}` };
}

/** `HHMMSS-xxxx`: sorts by start time within a date; the suffix keeps two starts in one second apart. */
export function newSessionId(ms: number): string {
  return `${etParts(ms).hhmmss}-${randomBytes(2).toString('hex')}`;
}

export const recordingsRoot = (dataDir: string): string => join(dataDir, 'recordings');

export function sessionDir(dataDir: string, symbol: string, date: string, sessionId: string): string {
  return join(recordingsRoot(dataDir), `symbol=${symbol}`, `date=${date}`, sessionId);
}

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

/** Writes session.json via a temp file and rename, so a crash leaves the old or the new file, never half. */
export function writeSessionMeta(dir: string, meta: SessionMeta): void {
  const tmp = join(dir, `${SESSION_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(meta, null, 2));
  renameSync(tmp, join(dir, SESSION_FILE));
}

export function readSessionMeta(dir: string): SessionMeta | null {
  try {
    return JSON.parse(readFileSync(join(dir, SESSION_FILE), 'utf8')) as SessionMeta;
  } catch {
    return null;
  }
}

/** An I/O error in words a trader can act on. */
export function describeIoError(dir: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code ?? 'EIO';
  const hint =
    code === 'ENOSPC' ? 'free disk space' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'choose a writable data folder' : 'check the disk';
  return `Cannot write to ${dir}: ${code} — ${hint}`;
}
