import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readOnlyMessage } from './data-dir-lock';

/** The per-user data directory when none is given (Electron passes app.getPath('userData') instead). */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.TAPEDECK_DATA_DIR) return resolve(env.TAPEDECK_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tapedeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tapedeck');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tapedeck');
}

export interface DataPaths {
  readonly root: string;
  readonly settingsFile: string;
  readonly recordings: string;
  readonly reports: string;
  readonly bars: string;
  readonly logs: string;
}

export function dataPaths(root: string): DataPaths {
  const abs = resolve(root);
  return {
    root: abs,
    settingsFile: join(abs, 'settings.json'),
    recordings: join(abs, 'recordings'),
    reports: join(abs, 'reports'),
    bars: join(abs, 'bars'),
    logs: join(abs, 'logs'),
  };
}

/** Creates the data directory; throws with a message naming the folder when it cannot. */
export function ensureDataDir(paths: DataPaths): void {
  try {
    mkdirSync(paths.root, { recursive: true });
    mkdirSync(paths.recordings, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new Error(readOnlyMessage(paths.root, code));
    throw new Error(`Cannot create the data directory ${paths.root} (${code}). Choose another with --data-dir.`);
  }
}
