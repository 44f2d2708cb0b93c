/**
 * Power-cut durability without an fsync on the main thread. Orders, fills and the audit log used to commit with
 * synchronous=FULL: each commit fsynced the WAL on the main thread, 10–70 ms on a shared disk, and every order
 * placed or ladder click made meanwhile waited behind it (docs/trading.md). Now they commit at NORMAL — in the
 * OS when the call returns, so an app crash or kill -9 loses nothing — and this fsyncs the -wal file on libuv's
 * thread pool right after, coalescing every commit made in the same turn of the event loop into one fsync.
 * What a power cut can still lose is the last few milliseconds (the fsync in flight), never more.
 *
 * Why an fsync of our own descriptor is enough: fsync flushes the file's dirty pages whichever descriptor wrote
 * them, and SQLite keeps the -wal file (same inode) for as long as the connection is open.
 */
import { close, fsync, open } from 'node:fs';

export type FsyncFn = (fd: number, cb: (e: NodeJS.ErrnoException | null) => void) => void;

export interface WalHardenerOptions {
  onError?: (e: Error) => void;
  /** Injected by tests to observe or fail the fsync. */
  fsync?: FsyncFn;
}

export class WalHardener {
  private fd: number | null = null;
  /** Bumped by every kick; `done` reaches it once an fsync that started after that kick has finished. */
  private requested = 0;
  private done = 0;
  private running = false;
  private scheduled = false;
  private waiters: Array<{ target: number; resolve: () => void }> = [];
  private closed = false;
  private readonly fsyncFn: FsyncFn;

  constructor(private readonly walPath: string, private readonly o: WalHardenerOptions = {}) {
    this.fsyncFn = o.fsync ?? fsync;
  }

  /**
   * A commit just happened (or is about to, when called inside a transaction): fsync soon. The fsync starts on
   * the next turn of the event loop, after the synchronous code that committed, so an outer transaction's
   * commit is included.
   */
  kick(): void {
    if (this.closed) return;
    this.requested++;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Resolves once every commit kicked before this call is on the disk (or the hardener is closed). */
  hardened(): Promise<void> {
    if (this.closed || this.done >= this.requested) return Promise.resolve();
    const target = this.requested;
    return new Promise((resolve) => this.waiters.push({ target, resolve }));
  }

  /** Commits not yet fsynced (for status and tests). */
  get pending(): number {
    return this.requested - this.done;
  }

  /** Stops; the database's own close checkpoints and fsyncs what is left. */
  close(): void {
    this.closed = true;
    if (this.fd !== null && !this.running) close(this.fd, () => undefined);
    if (!this.running) this.fd = null;
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  private pump(): void {
    if (this.running || this.closed || this.done >= this.requested) return;
    this.running = true;
    const target = this.requested;
    const finish = (e: Error | null) => {
      this.running = false;
      if (e) this.o.onError?.(e);
      else this.done = Math.max(this.done, target);
      if (this.closed) {
        if (this.fd !== null) close(this.fd, () => undefined);
        this.fd = null;
        return;
      }
      this.waiters = this.waiters.filter((w) => (w.target <= this.done ? (w.resolve(), false) : true));
      // Kicked while this fsync ran: those commits may have missed it.
      if (this.requested > this.done && !e) this.pump();
    };
    this.withFd((fd, openErr) => {
      if (openErr) return finish(openErr);
      // No WAL file yet: nothing was committed through it, so nothing to harden.
      if (fd === null) return finish(null);
      this.fsyncFn(fd, finish);
    });
  }

  private withFd(cb: (fd: number | null, e: Error | null) => void): void {
    if (this.fd !== null) return cb(this.fd, null);
    // 'r' is enough for fsync, and never creates the file: before the first commit there is no WAL to harden.
    open(this.walPath, 'r', (e, fd) => {
      if (e) return cb(null, e.code === 'ENOENT' ? null : e);
      this.fd = fd;
      cb(fd, null);
    });
  }
}
