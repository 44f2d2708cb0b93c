/**
 * One dataset file written with hyparquet-writer (pure JS): the schema comes from schema.ts, never guessed
 * from the data, so an empty or all-null column keeps its documented type. Timestamps are INT64 millis with
 * the TIMESTAMP logical type adjusted to UTC, which DuckDB, Polars and Spark read as an instant.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { type ColumnDef, COLUMNS, type Dataset, RESEARCH_SCHEMA_VERSION, SCHEMA_KEY, schemaTag } from './schema';

/** The writer's own schema type (it bundles its own copy of hyparquet's types). */
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

/** Column name → values in row order: numbers (NaN or null for null), strings (null or '' for null). */
export type ColumnData = Record<string, ArrayLike<number | null> | ReadonlyArray<string | null>>;

function elementOf(col: ColumnDef): SchemaElement {
  const repetition_type = col.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (col.type) {
    case 'timestamp':
      return { name: col.name, type: 'INT64', repetition_type, converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } };
    case 'int32':
      return { name: col.name, type: 'INT32', repetition_type };
    case 'int64':
      return { name: col.name, type: 'INT64', repetition_type };
    case 'double':
      return { name: col.name, type: 'DOUBLE', repetition_type };
    case 'string':
      return { name: col.name, type: 'BYTE_ARRAY', repetition_type, converted_type: 'UTF8' };
  }
}

/** Values as the writer wants them for the column's type; NaN and '' become null in nullable columns. */
function valuesOf(col: ColumnDef, raw: ColumnData[string], rows: number): unknown[] | Float64Array | Int32Array | BigInt64Array {
  if (raw.length !== rows) throw new Error(`column ${col.name} has ${raw.length} values, expected ${rows}`);
  if (col.type === 'string') return Array.from(raw as ArrayLike<string | null>, (v) => (col.nullable && (v === null || v === '') ? null : String(v ?? '')));
  const nums = raw as ArrayLike<number | null>;
  const isNull = (v: number | null) => v === null || Number.isNaN(v);
  if (col.nullable) {
    return Array.from(nums, (v) => (isNull(v) ? null : col.type === 'int64' || col.type === 'timestamp' ? BigInt(Math.round(v!)) : v));
  }
  if (col.type === 'double') return Float64Array.from(nums, (v) => v ?? NaN);
  if (col.type === 'int32') return Int32Array.from(nums, (v) => v ?? 0);
  return BigInt64Array.from(nums, (v) => BigInt(Math.round(v ?? 0)));
}

/** The Parquet bytes of one dataset file. */
export function encodeDataset(dataset: Dataset, data: ColumnData, rows: number, extraMeta: Record<string, string> = {}): Uint8Array {
  const cols = COLUMNS[dataset];
  const missing = cols.filter((c) => !(c.name in data)).map((c) => c.name);
  if (missing.length) throw new Error(`${dataset}: no values for column ${missing.join(', ')}`);
  const schema: SchemaElement[] = [{ name: 'root', num_children: cols.length }, ...cols.map(elementOf)];
  const kvMetadata = [
    { key: SCHEMA_KEY, value: schemaTag(dataset) },
    { key: 'tapedeck.schema_version', value: RESEARCH_SCHEMA_VERSION },
    ...Object.entries(extraMeta).map(([key, value]) => ({ key, value })),
  ];
  const buf = parquetWriteBuffer({
    columnData: cols.map((col) => ({
      name: col.name,
      data: valuesOf(col, data[col.name], rows) as never,
      nullable: col.nullable,
      // Integers (times and sequence numbers only grow; codes are small) delta-encode to a few bits a row, and
      // many times faster than the writer's default dictionary attempt.
      ...(col.type === 'timestamp' || col.type === 'int64' || col.type === 'int32' ? { encoding: 'DELTA_BINARY_PACKED' as const } : {}),
      // Min/max statistics cost most of the write; the time columns keep them so readers can skip row groups by time.
      statistics: col.type === 'timestamp',
    })),
    schema,
    kvMetadata,
    rowGroupSize: 100_000,
    createdBy: `tapedeck research ${RESEARCH_SCHEMA_VERSION}`,
  });
  return new Uint8Array(buf);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Temp file in the same folder, then rename: a reader sees the old file or the new one, never half. */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
