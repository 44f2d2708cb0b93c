import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, isProcessAlive, LOCK_FILE_NAME, readOnlyMessage } from '../../../src-main/config/data-dir-lock';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dir(): string {
  const t = makeTempDir('tapedeck-lock-');
  cleanups.push(t.cleanup);
  return t.dir;
}
const owner = (d: string) => JSON.parse(readFileSync(join(d, LOCK_FILE_NAME), 'utf8')) as { pid: number; host: string };
const writeLock = (d: string, o: object | string) => writeFileSync(join(d, LOCK_FILE_NAME), typeof o === 'string' ? o : JSON.stringify(o));

describe('data directory lock', () => {
  it('is taken with this pid and host, and released', () => {
    const d = dir();
    const lock = acquireDataDirLock(d, { pid: 100, host: 'desk' });
    expect(owner(d)).toMatchObject({ pid: 100, host: 'desk' });
    expect(lock.tookOver).toBe(false);
    lock.release();
    expect(existsSync(join(d, LOCK_FILE_NAME))).toBe(false);
    lock.release(); // twice is harmless
  });

  it('refuses while the owner lives, naming it', () => {
    const d = dir();
    acquireDataDirLock(d, { pid: 100, host: 'desk' });
    expect(() => acquireDataDirLock(d, { pid: 200, host: 'desk', isAlive: (p) => p === 100 })).toThrow(
      /^Another Tapedeck \(process 100, started .*\) is using the data directory .*Close it first, or start this one with another --data-dir\.$/,
    );
    expect(owner(d).pid).toBe(100);
  });

  it('refuses a lock from another machine (a shared folder): its pid cannot be checked from here', () => {
    const d = dir();
    writeLock(d, { pid: 100, host: 'other-desk', startedAt: 'x' });
    expect(() => acquireDataDirLock(d, { pid: 200, host: 'desk', isAlive: () => false })).toThrow(/process 100 on other-desk/);
  });

  it('takes over the lock of a dead process (crash, kill -9)', () => {
    const d = dir();
    writeLock(d, { pid: 100, host: 'desk', startedAt: 'x' });
    const lock = acquireDataDirLock(d, { pid: 200, host: 'desk', isAlive: () => false });
    expect(lock.tookOver).toBe(true);
    expect(lock.previousOwner?.pid).toBe(100);
    expect(owner(d).pid).toBe(200);
    expect(existsSync(join(d, `${LOCK_FILE_NAME}.takeover`))).toBe(false);
  });

  it('takes over an unreadable lock (a crash while writing it)', () => {
    const d = dir();
    writeLock(d, '{"pid": 1');
    const lock = acquireDataDirLock(d, { pid: 200, host: 'desk', isAlive: () => true });
    expect(lock.tookOver).toBe(true);
    expect(lock.previousOwner).toBeNull();
    expect(owner(d).pid).toBe(200);
  });

  it('does not race another takeover in progress, but clears a guard left by a killed one', () => {
    const d = dir();
    writeLock(d, { pid: 100, host: 'desk', startedAt: 'x' });
    const guard = join(d, `${LOCK_FILE_NAME}.takeover`);
    writeFileSync(guard, '{}');
    expect(() => acquireDataDirLock(d, { pid: 200, host: 'desk', isAlive: () => false })).toThrow(/starting on this data directory right now/);
    expect(owner(d).pid).toBe(100);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(guard, old, old);
    expect(acquireDataDirLock(d, { pid: 200, host: 'desk', isAlive: () => false }).tookOver).toBe(true);
    expect(existsSync(guard)).toBe(false);
  });

  it('release never deletes a lock that another process has since taken', () => {
    const d = dir();
    const lock = acquireDataDirLock(d, { pid: 100, host: 'desk' });
    writeLock(d, { pid: 300, host: 'desk', startedAt: 'x' });
    lock.release();
    expect(owner(d).pid).toBe(300);
  });

  it('knows this process is alive and a reaped one is not', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false); // above Linux's pid_max
  });

  it('says what to do with a read-only directory', () => {
    expect(readOnlyMessage('/data', 'EROFS')).toMatch(/^The data directory \/data is read-only \(EROFS\).*chmod u\+w.*--data-dir or TAPEDECK_DATA_DIR\.$/);
  });
});
