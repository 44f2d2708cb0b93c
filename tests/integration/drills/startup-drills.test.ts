/**
 * Startup drills (issue 15): a damaged settings.json or tapedeck.db, a read-only data directory and two
 * Tapedecks on one data directory. The app starts with a clear message and keeps the damaged file, or
 * refuses with a message saying what to do: never a silent reset.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/app';
import { LOCK_FILE_NAME } from '../../../src-main/config/data-dir-lock';
import { createLogger } from '../../../src-main/platform/log';
import { DB_FILE_NAME, openStorage } from '../../../src-main/storage';
import { startDrillApp, type DrillProcess } from '../../support/drill-process';
import { makeTempDir } from '../../support/temp-dir';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dataDir(): string {
  const t = makeTempDir('tapedeck-drill-');
  cleanups.push(() => {
    chmodSync(t.dir, 0o700);
    t.cleanup();
  });
  return t.dir;
}

async function start(dir: string): Promise<App> {
  const app = await createApp({ dataDir: dir, carrier: 'websocket', version: 'test', demo: true, demoOptions: { seed: 11, depthLimit: 5 }, pdfPrinter: null, dailyReport: false, log: createLogger('drill') });
  cleanups.push(() => app.dispose());
  return app;
}

/** Every folder from / down to `path` lets other users through (the x bit for others). */
function othersCanEnter(path: string): boolean {
  for (let p = resolve(path); ; p = dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) return false;
    if (dirname(p) === p) return true;
  }
}

function drillApp(dir: string, as?: { uid: number; gid: number }): DrillProcess {
  const p = startDrillApp(dir, as);
  cleanups.push(async () => {
    if (p.proc.exitCode === null && p.proc.signalCode === null) {
      p.proc.kill('SIGKILL');
      await p.exited;
    }
  });
  return p;
}

async function call<T>(app: App, name: string, input?: unknown): Promise<T> {
  const r = await app.router.dispatch(name, input, { clientId: 'drill' });
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

const copiesOf = (dir: string, name: string) => readdirSync(dir).filter((f) => f.startsWith(`${name}.corrupt-`));

describe('startup drills', () => {
  it('a corrupt settings.json: starts on defaults, says so, keeps the damaged file byte for byte', { timeout: 30_000 }, async () => {
    const dir = dataDir();
    const damaged = '{"connection": {"host": "127.0.0.1", "port": 4002,'; // cut mid-write
    writeFileSync(join(dir, 'settings.json'), damaged);
    const app = await start(dir);

    const [copy] = copiesOf(dir, 'settings.json');
    expect(copy).toMatch(/^settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(readFileSync(join(dir, copy!), 'utf8')).toBe(damaged);
    expect(app.notices).toHaveLength(1);
    expect(app.notices[0]).toMatch(/settings file could not be read \(not valid JSON.*default settings.*kept as .*settings\.json\.corrupt-/);

    // The app works, and saving settings writes a fresh file without touching the copy.
    await call(app, 'settings:update', { scanner: { priceMin: 2 } });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).scanner.priceMin).toBe(2);
    expect(readFileSync(join(dir, copy!), 'utf8')).toBe(damaged);
  });

  it('a settings.json that fails validation is kept too, with the field named', { timeout: 30_000 }, async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ connection: { port: 99999 } }));
    const app = await start(dir);
    expect(app.notices[0]).toMatch(/connection\.port/);
    expect(copiesOf(dir, 'settings.json')).toHaveLength(1);
  });

  it('a damaged tapedeck.db: starts on a fresh database, says so, keeps the damaged file byte for byte', { timeout: 30_000 }, async () => {
    const dir = dataDir();
    const first = await start(dir);
    await call(first, 'settings:update', { scanner: { priceMin: 3 } });
    await first.dispose();
    cleanups.pop();
    // Overwrite every page after the first two: the header is fine, the b-trees are not.
    const file = join(dir, DB_FILE_NAME);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 8192);
    writeFileSync(file, bytes);

    const app = await start(dir);
    const [copy, ...more] = copiesOf(dir, DB_FILE_NAME).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(more).toEqual([]);
    expect(copy).toBeDefined();
    expect(readFileSync(join(dir, copy!)).equals(bytes)).toBe(true);
    expect(app.notices).toHaveLength(1);
    expect(app.notices[0]).toMatch(/tapedeck\.db was damaged \(SQLITE_CORRUPT.*new, empty one.*kept as .*tapedeck\.db\.corrupt-/);
    // Settings live outside the database: untouched. The new database is sound and in use.
    expect((await call<{ scanner: { priceMin: number } }>(app, 'settings:get')).scanner.priceMin).toBe(3);
    await app.dispose();
    cleanups.pop();
    // The fresh file passes SQLite's check and opens without another copy being made.
    openStorage(dir).close();
    expect(copiesOf(dir, DB_FILE_NAME).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))).toHaveLength(1);
  });

  it('a tapedeck.db that is not a database at all is kept and replaced the same way', { timeout: 30_000 }, async () => {
    const dir = dataDir();
    writeFileSync(join(dir, DB_FILE_NAME), 'this is not a database '.repeat(200));
    const app = await start(dir);
    expect(app.notices[0]).toMatch(/SQLITE_NOTADB/);
    expect(copiesOf(dir, DB_FILE_NAME)).toHaveLength(1);
  });

  it('a read-only data directory: refuses with what to do, and writes nothing', { timeout: 30_000 }, async (ctx) => {
    // Root ignores file modes: the app runs as nobody then, which needs to reach the checkout (a clone under a
    // private temp folder is out of its reach: skipped with the reason).
    if (process.getuid?.() === 0 && !othersCanEnter(process.cwd())) ctx.skip(`nobody cannot enter ${process.cwd()}`);
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), '{}');
    chmodSync(dir, 0o555);
    // Root ignores file modes: run the app as nobody then, as a normal user would be refused.
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const r = await drillApp(dir, as).exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Tapedeck could not start: The data directory .* is read-only \((EACCES|EPERM|EROFS)\).*Make it writable.*--data-dir/);
    expect(readdirSync(dir).sort()).toEqual(['settings.json']);
  });

  it('two Tapedecks on one data directory: the second refuses naming the first; after kill -9 the lock is taken over', { timeout: 60_000 }, async () => {
    const dir = dataDir();
    const first = drillApp(dir);
    await first.ready;
    const pid = first.proc.pid!;
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(pid);

    // A second process, and a second start in this one, are refused while the first lives.
    const second = await drillApp(dir).exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Tapedeck could not start: Another Tapedeck (process ${pid}, started `);
    expect(second.stderr).toMatch(/Close it first, or start this one with another --data-dir/);
    await expect(start(dir)).rejects.toThrow(`Another Tapedeck (process ${pid}`);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(pid);

    first.proc.kill('SIGKILL');
    await first.exited;
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(true); // kill -9 leaves it behind
    const app = await start(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    await app.dispose();
    cleanups.pop();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });
});
