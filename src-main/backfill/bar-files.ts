/**
 * Backfilled bars on disk: `bars/symbol=SYM/bar=<size>/date=YYYY-MM-DD.arrow`, one Arrow IPC file per ET
 * session, written to a temp file and renamed so a reader (or a crash) never sees half a file. Variants other
 * than TRADES over all hours carry them in the bar partition (`bar=1min_MIDPOINT_rth`) so they never collide.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Float64, Int32, Table, TimestampMillisecond, makeVector, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Bar } from '../../src-shared/domain/bar';
import type { BarSizeKey } from './plan/bar-sizes';
import type { BarWhat } from './plan/plan';

/** Bumped when the columns change; written into the file's metadata. */
export const BAR_FILE_SCHEMA_VERSION = '1';

export function barPartition(bar: BarSizeKey, what: BarWhat, rth: boolean): string {
  return `${bar}${what === 'TRADES' ? '' : `_${what}`}${rth ? '_rth' : ''}`;
}

export function barFilePath(dataDir: string, symbol: string, bar: BarSizeKey, what: BarWhat, rth: boolean, date: string): string {
  return join(dataDir, 'bars', `symbol=${symbol}`, `bar=${barPartition(bar, what, rth)}`, `date=${date}.arrow`);
}

/** Columns: ts_open (timestamp ms, UTC), open, high, low, close, volume, vwap (nullable), count (nullable). */
export function encodeBars(bars: readonly Bar[]): Uint8Array {
  const f64 = (pick: (b: Bar) => number) => makeVector(Float64Array.from(bars, pick));
  const table = new Table({
    ts_open: vectorFromArray(bars.map((b) => b.tsOpen), new TimestampMillisecond()),
    open: f64((b) => b.open),
    high: f64((b) => b.high),
    low: f64((b) => b.low),
    close: f64((b) => b.close),
    volume: f64((b) => b.volume),
    vwap: vectorFromArray(bars.map((b) => b.vwap ?? null), new Float64()),
    count: vectorFromArray(bars.map((b) => b.count ?? null), new Int32()),
  });
  table.schema.metadata.set('tapedeck.schema', `bars/${BAR_FILE_SCHEMA_VERSION}`);
  return tableToIPC(table, 'file');
}

export function decodeBars(bytes: Uint8Array): Bar[] {
  const t = tableFromIPC(bytes);
  const out: Bar[] = [];
  for (const row of t) {
    const r = row.toJSON() as Record<string, number | null>;
    const bar: Bar = { tsOpen: Number(r.ts_open), open: r.open!, high: r.high!, low: r.low!, close: r.close!, volume: r.volume! };
    if (r.vwap !== null) bar.vwap = r.vwap;
    if (r.count !== null) bar.count = r.count;
    out.push(bar);
  }
  return out;
}

/** Temp file in the same directory, then rename: atomic on one file system. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

export const readBarFile = (path: string): Bar[] => decodeBars(readFileSync(path));

export const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * What the charts read when their cache misses: 1m = `bar=1min` (TRADES, all hours, as the charts cache it),
 * 1d = `bar=1day_rth` (the official daily bar). An unreadable or empty file counts as absent (IB is asked instead).
 */
export function readBackfilledDay(dataDir: string, symbol: string, timeframe: '1m' | '1d', date: string): Bar[] | undefined {
  const path = timeframe === '1m' ? barFilePath(dataDir, symbol, '1min', 'TRADES', false, date) : barFilePath(dataDir, symbol, '1day', 'TRADES', true, date);
  if (!existsSync(path)) return undefined;
  try {
    const bars = readBarFile(path);
    return bars.length ? bars : undefined; // the backfill never writes an empty day: junk reads as none
  } catch {
    return undefined;
  }
}
