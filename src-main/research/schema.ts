/**
 * The research archive's layout and columns (docs/research.md). Readers outside Tapedeck (DuckDB, Polars,
 * pandas, Spark) rely on these names and types: change a column only with a new RESEARCH_SCHEMA_VERSION.
 * Pure: paths are built with '/' and joined by the caller.
 */

export const RESEARCH_SCHEMA_VERSION = '1';
/** Key of the file's Parquet key-value metadata holding `<dataset>/<version>`. */
export const SCHEMA_KEY = 'tapedeck.schema';
export const MANIFEST_FILE = 'manifest.json';

export type ColumnType = 'timestamp' | 'int32' | 'int64' | 'double' | 'string';
export interface ColumnDef {
  name: string;
  type: ColumnType;
  nullable: boolean;
  doc: string;
}

export const DATASETS = ['depth', 'trades', 'book', 'bars', 'ticks', 'hits'] as const;
export type Dataset = (typeof DATASETS)[number];
/** What `--datasets` exports when not given: all of them. */
export const DEFAULT_DATASETS: readonly Dataset[] = DATASETS;

const c = (name: string, type: ColumnType, doc: string, nullable = false): ColumnDef => ({ name, type, nullable, doc });
const TS = c('ts', 'timestamp', 'receive time, UTC, millisecond precision');

export const COLUMNS: Record<Dataset, readonly ColumnDef[]> = {
  depth: [
    TS,
    c('seq', 'int64', 'row number within the session, from 1, in arrival order'),
    c('epoch', 'int32', 'connection epoch; a new epoch starts from an empty book'),
    c('position', 'int32', 'IB row position (0 = best)'),
    c('operation', 'int32', 'IB operation: 0 insert, 1 update, 2 delete'),
    c('side', 'int32', 'IB side: 0 ask, 1 bid'),
    c('price', 'double', 'price of the row'),
    c('size', 'double', 'size of the row (shares)'),
    c('market_maker', 'string', 'market maker or exchange when IB sends one (Level 2 by MPID), else null', true),
  ],
  trades: [
    TS,
    c('ts_event', 'timestamp', 'exchange time IB stamps the print with (second precision from IB)'),
    c('price', 'double', 'trade price'),
    c('size', 'double', 'trade size (shares)'),
    c('exchange', 'string', 'reporting exchange', true),
    c('conditions', 'string', 'IB special conditions', true),
  ],
  book: [
    TS,
    c('seq', 'int64', 'last depth row applied (0 = none yet)'),
    c('bid', 'double', 'best bid (null when the bid side is empty)', true),
    c('ask', 'double', 'best ask (null when the ask side is empty)', true),
    c('bid_size', 'double', 'size at the best bid row', true),
    c('ask_size', 'double', 'size at the best ask row', true),
    c('bid_depth', 'double', 'total size of every recorded bid row'),
    c('ask_depth', 'double', 'total size of every recorded ask row'),
    c('bid_levels', 'int32', 'recorded bid rows'),
    c('ask_levels', 'int32', 'recorded ask rows'),
    c('spread', 'double', 'ask - bid (null unless both sides have a row)', true),
  ],
  bars: [
    c('ts', 'timestamp', 'bar open time, UTC'),
    c('bar', 'string', 'backfill bar partition: size, then _MIDPOINT/_BID_ASK and _rth when not TRADES over all hours'),
    c('open', 'double', 'open'),
    c('high', 'double', 'high'),
    c('low', 'double', 'low'),
    c('close', 'double', 'close'),
    c('volume', 'double', 'volume (shares)'),
    c('vwap', 'double', 'bar VWAP when IB sends it', true),
    c('count', 'int32', 'trade count when IB sends it', true),
  ],
  ticks: [
    c('ts', 'timestamp', 'IB tick time, UTC'),
    c('what', 'string', 'backfill tick partition: TRADES or BID_ASK, _rth for regular hours only'),
    c('price', 'double', 'trade price (TRADES)', true),
    c('size', 'double', 'trade size (TRADES)', true),
    c('exchange', 'string', 'reporting exchange (TRADES)', true),
    c('conditions', 'string', 'special conditions (TRADES)', true),
    c('bid', 'double', 'bid (BID_ASK)', true),
    c('ask', 'double', 'ask (BID_ASK)', true),
    c('bid_size', 'double', 'bid size (BID_ASK)', true),
    c('ask_size', 'double', 'ask size (BID_ASK)', true),
  ],
  hits: [
    c('ts', 'timestamp', 'when the scanner listed the name, UTC'),
    c('symbol', 'string', 'ticker'),
    c('gap_pct', 'double', 'gap from the previous close, percent', true),
    c('rvol', 'double', 'relative volume', true),
    c('score', 'double', 'scanner score', true),
    c('source', 'string', 'scan code or other source that listed the name'),
  ],
};

/** Datasets partitioned by symbol and date; `hits` is partitioned by date only (it holds every symbol). */
export const hasSymbolPartition = (d: Dataset): boolean => d !== 'hits';

const SYMBOL_RE = /^[A-Z0-9][A-Z0-9.\- ]{0,15}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const PART_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** `<dataset>/symbol=SYM/date=YYYY-MM-DD/part-<part>.parquet`, relative to the research folder. */
export function partitionPath(dataset: Dataset, symbol: string | null, date: string, part: string): string {
  if (!DATE_RE.test(date)) throw new Error(`bad partition date ${date}`);
  if (!PART_RE.test(part)) throw new Error(`bad part name ${part}`);
  if (!hasSymbolPartition(dataset)) return `${dataset}/date=${date}/part-${part}.parquet`;
  if (symbol === null || !SYMBOL_RE.test(symbol)) throw new Error(`bad partition symbol ${String(symbol)}`);
  return `${dataset}/symbol=${symbol}/date=${date}/part-${part}.parquet`;
}

/** The inverse of partitionPath (null for a path that is not one). */
export function parsePartitionPath(path: string): { dataset: Dataset; symbol: string | null; date: string; part: string } | null {
  const m = /^([a-z]+)\/(?:symbol=([^/]+)\/)?date=(\d{4}-\d{2}-\d{2})\/part-([^/]+)\.parquet$/.exec(path);
  if (!m || !(DATASETS as readonly string[]).includes(m[1])) return null;
  const dataset = m[1] as Dataset;
  if (hasSymbolPartition(dataset) !== (m[2] !== undefined)) return null;
  return { dataset, symbol: m[2] ?? null, date: m[3], part: m[4] };
}

export const schemaTag = (d: Dataset): string => `${d}/${RESEARCH_SCHEMA_VERSION}`;

const SQL_TYPE: Record<ColumnType, string> = { timestamp: 'TIMESTAMPTZ', int32: 'INTEGER', int64: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR' };

/** A typed empty SELECT of a dataset's columns (plus its partition columns): the view when nothing is exported yet. */
export function emptySelect(d: Dataset): string {
  const cols = COLUMNS[d].map((col) => `CAST(NULL AS ${SQL_TYPE[col.type]}) AS ${col.name}`);
  if (hasSymbolPartition(d)) cols.push('CAST(NULL AS VARCHAR) AS symbol');
  cols.push('CAST(NULL AS DATE) AS date');
  return `SELECT ${cols.join(', ')} WHERE false`;
}
