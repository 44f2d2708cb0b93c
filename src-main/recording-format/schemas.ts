/**
 * Column layouts of the three recording files (DESIGN.md §5). Readers (replay, DuckDB, Polars) rely on
 * these names and types; change them only with a new session.json `version`.
 */
import { Bool, Field, Float64, Int32, Int64, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';

/** One row per IB depth message, in arrival order. A new `epoch` starts from an empty book. */
export const DEPTH_SCHEMA = new Schema([
  new Field('tsRecv', new TimestampMillisecond(), false),
  new Field('seq', new Int64(), false),
  new Field('epoch', new Int32(), false),
  new Field('position', new Int32(), false),
  new Field('operation', new Int32(), false),
  new Field('side', new Int32(), false),
  new Field('price', new Float64(), false),
  new Field('size', new Float64(), false),
  new Field('marketMaker', new Utf8(), false),
  new Field('isSmart', new Bool(), false),
]);

/** Trades and quotes from tick-by-tick; fields the row's kind does not carry are NaN (numbers) or ''. */
export const TICKS_SCHEMA = new Schema([
  new Field('kind', new Utf8(), false),
  new Field('tsEvent', new TimestampMillisecond(), false),
  new Field('tsRecv', new TimestampMillisecond(), false),
  new Field('price', new Float64(), false),
  new Field('size', new Float64(), false),
  new Field('bidPrice', new Float64(), false),
  new Field('askPrice', new Float64(), false),
  new Field('bidSize', new Float64(), false),
  new Field('askSize', new Float64(), false),
  new Field('exchange', new Utf8(), false),
  new Field('conditions', new Utf8(), false),
]);

export const snapshotColumnNames = (levels: number): string[] => {
  const names = ['ts', 'seq'];
  for (let i = 0; i < levels; i++) names.push(`bidPrice${i}`, `bidSize${i}`, `askPrice${i}`, `askSize${i}`);
  return names;
};

/** Top `levels` price levels (aggregated by price) every snapshot interval; absent levels are NaN / 0. */
export function snapshotSchema(levels: number): Schema {
  return new Schema(
    snapshotColumnNames(levels).map((name) => {
      if (name === 'ts') return new Field(name, new TimestampMillisecond(), false);
      if (name === 'seq') return new Field(name, new Int64(), false);
      return new Field(name, new Float64(), false);
    }),
  );
}

export const RECORDING_FILES = { depth: 'depth.arrows', ticks: 'ticks.arrows', snapshots: 'snapshots.arrows' } as const;

/**
 * Keyframes: the whole recorder book at a point of the session. Each keyframe is one header row
 * (`side` -1, `position` -1, price/size NaN) followed by its book rows (asks then bids, best first);
 * every row repeats the keyframe's `kf`, `seq`, `markers`, `tsRecv`, `epoch`, `reason`, `rows`, `checksum`.
 */
export const KEYFRAME_SCHEMA = new Schema([
  new Field('kf', new Int32(), false),
  new Field('seq', new Int64(), false),
  new Field('markers', new Int32(), false),
  new Field('tsRecv', new TimestampMillisecond(), false),
  new Field('epoch', new Int32(), false),
  new Field('reason', new Utf8(), false),
  new Field('rows', new Int32(), false),
  new Field('checksum', new Int64(), false),
  new Field('side', new Int32(), false),
  new Field('position', new Int32(), false),
  new Field('price', new Float64(), false),
  new Field('size', new Float64(), false),
  new Field('marketMaker', new Utf8(), false),
]);

/**
 * The batch index: one row per record batch of a session's streams, so a reader can decode only the
 * batches it needs. `offset`/`length` locate the whole IPC message; `fileBytes` is the file's size when
 * indexed (a different size means the index is stale). Seq columns are -1 for files without `seq`; a file
 * without batches has one row with `batch` -1.
 */
export const INDEX_SCHEMA = new Schema([
  new Field('file', new Utf8(), false),
  new Field('batch', new Int32(), false),
  new Field('offset', new Int64(), false),
  new Field('length', new Int64(), false),
  new Field('rows', new Int32(), false),
  new Field('firstSeq', new Int64(), false),
  new Field('lastSeq', new Int64(), false),
  new Field('firstTs', new TimestampMillisecond(), false),
  new Field('lastTs', new TimestampMillisecond(), false),
  new Field('fileBytes', new Int64(), false),
]);

export const KEYFRAME_FILE = 'keyframes.arrows';
export const INDEX_FILE = 'index.arrows';
