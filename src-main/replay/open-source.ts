/**
 * What replay:open names, turned into session folders: a cataloged session, a symbol's day (its sessions
 * in start order), or a folder from disk. A path from the renderer is hostile input: it must be absolute,
 * resolve to a real directory and hold session.json; nothing else on disk is touched.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ReplayOpen } from '../../src-shared/contract/features/replay';
import type { RecordingSummary } from '../../src-shared/contract/features/recorder';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { SESSION_FILE } from '../recording-format/session-meta';

export interface SessionCatalog {
  list(q: { symbol?: string; limit?: number }): RecordingSummary[];
}

const ALL = 100_000;

export function sessionFolders(req: ReplayOpen, catalog: SessionCatalog): Result<string[]> {
  if (req.sessionId !== undefined) {
    const row = catalog.list({ limit: ALL }).find((r) => r.sessionId === req.sessionId);
    return row ? ok([row.path]) : err('NOT_FOUND', `No recorded session ${req.sessionId} in the catalog.`);
  }
  if (req.day) {
    const { symbol, date } = req.day;
    const rows = catalog
      .list({ symbol, limit: ALL })
      .filter((r) => r.date === date)
      .sort((a, b) => a.startedAt - b.startedAt);
    return rows.length ? ok(rows.map((r) => r.path)) : err('NOT_FOUND', `No recordings of ${symbol} on ${date}.`);
  }
  return folderFromDisk(req.path ?? '');
}

export function folderFromDisk(path: string): Result<string[]> {
  if (path.includes('\0') || !isAbsolute(path)) return err('INVALID_INPUT', 'Choose a session folder by its full path.');
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return err('NOT_FOUND', `No folder at ${path}.`);
  }
  try {
    if (!statSync(real).isDirectory()) return err('INVALID_INPUT', `${path} is a file; choose the session folder that holds session.json.`);
  } catch {
    return err('NOT_FOUND', `No folder at ${path}.`);
  }
  if (!existsSync(join(real, SESSION_FILE))) {
    return err('INVALID_INPUT', `${path} is not a Tapedeck session folder: it has no ${SESSION_FILE}.`);
  }
  return ok([real]);
}
