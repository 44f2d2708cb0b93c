/**
 * Backfilled historical ticks on disk: `ticks/symbol=SYM/what=TRADES/date=YYYY-MM-DD.arrow` (`what=BID_ASK`,
 * `_rth` for regular hours only), one Arrow IPC file per ET session in IB's order (ticks within a second
 * keep their sequence), written through the same temp-file-and-rename as the bars.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Table, TimestampMillisecond, Utf8, makeVector, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { HistoricalTick } from '../broker/port';
import type { TickWhat } from './plan/plan';

export const TICK_FILE_SCHEMA_VERSION = '1';

export const tickPartition = (what: TickWhat, rth: boolean): string => `${what}${rth ? '_rth' : ''}`;

export function tickFilePath(dataDir: string, symbol: string, what: TickWhat, rth: boolean, date: string): string {
  return join(dataDir, 'ticks', `symbol=${symbol}`, `what=${tickPartition(what, rth)}`, `date=${date}.arrow`);
}

type Trade = Extract<HistoricalTick, { kind: 'trade' }>;
type Quote = Extract<HistoricalTick, { kind: 'quote' }>;

/**
 * TRADES columns: ts (timestamp ms UTC), price, size (float64), exchange, conditions (utf8).
 * BID_ASK columns: ts, bid, ask, bid_size, ask_size (float64).
 */
export function encodeTicks(what: TickWhat, ticks: readonly HistoricalTick[]): Uint8Array {
  const f64 = <T>(rows: readonly T[], pick: (t: T) => number) => makeVector(Float64Array.from(rows, pick));
  const ts = vectorFromArray(ticks.map((t) => t.time), new TimestampMillisecond());
  let table: Table;
  if (what === 'TRADES') {
    const rows = ticks.filter((t): t is Trade => t.kind === 'trade');
    table = new Table({
      ts, price: f64(rows, (t) => t.price), size: f64(rows, (t) => t.size),
      exchange: vectorFromArray(rows.map((t) => t.exchange), new Utf8()), conditions: vectorFromArray(rows.map((t) => t.conditions), new Utf8()),
    });
  } else {
    const rows = ticks.filter((t): t is Quote => t.kind === 'quote');
    table = new Table({ ts, bid: f64(rows, (t) => t.bid), ask: f64(rows, (t) => t.ask), bid_size: f64(rows, (t) => t.bidSize), ask_size: f64(rows, (t) => t.askSize) });
  }
  table.schema.metadata.set('tapedeck.schema', `ticks-${what === 'TRADES' ? 'trades' : 'bid_ask'}/${TICK_FILE_SCHEMA_VERSION}`);
  return tableToIPC(table, 'file');
}

export function decodeTicks(bytes: Uint8Array): HistoricalTick[] {
  const t = tableFromIPC(bytes);
  const trades = t.schema.fields.some((f) => f.name === 'price');
  const out: HistoricalTick[] = [];
  for (const row of t) {
    const r = row.toJSON() as Record<string, number | string>;
    const time = Number(r.ts);
    out.push(
      trades
        ? { kind: 'trade', time, price: Number(r.price), size: Number(r.size), exchange: String(r.exchange), conditions: String(r.conditions) }
        : { kind: 'quote', time, bid: Number(r.bid), ask: Number(r.ask), bidSize: Number(r.bid_size), askSize: Number(r.ask_size) },
    );
  }
  return out;
}

export const readTickFile = (path: string): HistoricalTick[] => decodeTicks(readFileSync(path));
