import { existsSync, renameSync } from 'node:fs';

/** `2026-12-01T14-25-00-123Z`: sortable and valid in a file name on every OS. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/:/g, '-').replace('.', '-');
}

/**
 * Moves a damaged file aside as `<file>.corrupt-<stamp>` (with its companions, e.g. SQLite's -wal and
 * -shm, which belong to that copy) so nothing is reset silently and the user can send or repair it.
 * Returns the copy's path; throws when it cannot be moved, as starting over it would destroy it.
 */
export function keepDamagedCopy(file: string, nowMs: number, companions: readonly string[] = []): string {
  const copy = `${file}.corrupt-${fileStamp(nowMs)}`;
  try {
    renameSync(file, copy);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`${file} is damaged and could not be moved aside (${code}); Tapedeck will not start over it. Move or remove it yourself, then start again.`);
  }
  for (const suffix of companions) {
    if (existsSync(file + suffix)) renameSync(file + suffix, copy + suffix);
  }
  return copy;
}
