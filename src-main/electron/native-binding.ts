import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 built for Electron's ABI lives apart from Node's build (scripts/electron-native.mjs puts it
 * in build/native/electron/), so `npm test` under Node and `npm start` under Electron both work unchanged.
 */
export function electronNativeBinding(appRoot: string, resourcesPath?: string): string | undefined {
  const candidates = [
    resourcesPath && join(resourcesPath, 'native', 'better_sqlite3.node'),
    join(appRoot, 'build', 'native', 'electron', 'better_sqlite3.node'),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p));
}
