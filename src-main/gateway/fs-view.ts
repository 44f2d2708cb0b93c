/** The real file system as detection's FsView: reads only, never throws. */
import { readdirSync, statSync } from 'node:fs';
import type { FsView } from './detect';

export const nodeFsView: FsView = {
  list(dir) {
    try {
      return readdirSync(dir).filter((n) => !n.startsWith('.'));
    } catch {
      return [];
    }
  },
  kind(path) {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
};
