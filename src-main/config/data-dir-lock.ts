import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'tapedeck.lock';

/** Who holds a data directory: written as JSON into the lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly file: string;
  /** True when a dead process's lock (a crash or kill -9) was taken over. */
  readonly tookOver: boolean;
  /** That dead owner, when its lock file was readable. */
  readonly previousOwner: LockOwner | null;
  release(): void;
}

export interface LockOptions {
  pid?: number;
  host?: string;
  now?: () => number;
  /** Whether a process id is running on this machine (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

const WRITE_DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);
// A takeover guard older than this was left by a process killed mid-takeover (that takes milliseconds).
const STALE_GUARD_MS = 10_000;

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else; only ESRCH means gone.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The message for a data directory Tapedeck may not write. */
export function readOnlyMessage(root: string, code: string): string {
  return (
    `The data directory ${root} is read-only (${code}): Tapedeck must write its database, settings and recordings there. ` +
    `Make it writable (for example chmod u+w "${root}"), free the disk if it is mounted read-only, or choose another with --data-dir or TAPEDECK_DATA_DIR.`
  );
}

function heldMessage(root: string, owner: LockOwner, sameHost: boolean): string {
  const who = `Tapedeck (process ${owner.pid}${sameHost ? '' : ` on ${owner.host}`}, started ${owner.startedAt})`;
  return `Another ${who} is using the data directory ${root}. Close it first, or start this one with another --data-dir.`;
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, startedAt: String(o.startedAt) } : null;
  } catch {
    return null;
  }
}

/** Creates the file only if absent (O_EXCL): the atomic step two processes cannot both win. */
function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes `<root>/tapedeck.lock` for this process, or throws a message a trader can act on: another live
 * Tapedeck holds it, or the directory is read-only. A lock whose process is gone (crash, kill -9) is
 * taken over; an unreadable one (a crash while writing it) too.
 */
export function acquireDataDirLock(root: string, o: LockOptions = {}): DataDirLock {
  const file = join(root, LOCK_FILE_NAME);
  const me: LockOwner = { pid: o.pid ?? process.pid, host: o.host ?? hostname(), startedAt: new Date((o.now ?? Date.now)()).toISOString() };
  const isAlive = o.isAlive ?? isProcessAlive;
  const text = JSON.stringify(me);
  try {
    if (createExclusive(file, text)) return lockHandle(file, me, false, null);
    const owner = readOwner(file);
    if (owner && (owner.host !== me.host || isAlive(owner.pid))) throw new Error(heldMessage(root, owner, owner.host === me.host));
    takeOver(file, owner, text, o.now ?? Date.now);
    return lockHandle(file, me, true, owner);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && WRITE_DENIED.has(code)) throw new Error(readOnlyMessage(root, code));
    throw e;
  }
}

/**
 * Replaces a dead owner's lock. A guard file serialises takeovers so two processes finding the same
 * stale lock cannot both delete it and both start; the loser sees the winner's fresh lock.
 */
function takeOver(file: string, stale: LockOwner | null, text: string, now: () => number): void {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, text)) {
    if (now() - statSync(guard).mtimeMs < STALE_GUARD_MS) throw new Error(`Another Tapedeck is starting on this data directory right now; try again in a moment.`);
    unlinkSync(guard);
    if (!createExclusive(guard, text)) throw new Error(`Another Tapedeck is starting on this data directory right now; try again in a moment.`);
  }
  try {
    const current = readOwner(file);
    if (JSON.stringify(current) !== JSON.stringify(stale)) throw new Error(`Another Tapedeck took this data directory while this one was starting; close it first.`);
    unlinkSync(file);
    if (!createExclusive(file, text)) throw new Error(`Another Tapedeck took this data directory while this one was starting; close it first.`);
  } finally {
    unlinkSync(guard);
  }
}

function lockHandle(file: string, me: LockOwner, tookOver: boolean, previousOwner: LockOwner | null): DataDirLock {
  let held = true;
  return {
    file,
    tookOver,
    previousOwner,
    release() {
      if (!held) return;
      held = false;
      // Only ever delete our own lock.
      if (readOwner(file)?.pid === me.pid) unlinkSync(file);
    },
  };
}
