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
