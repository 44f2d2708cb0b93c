/**
 * Small Arrow stream files written whole (the batch index, rebuilt keyframes): rows go into columns picked
 * by the schema's types, the file is written to a temp name and renamed, so a reader sees the old file or
 * the new one, never half.
 */
import { renameSync, rmSync } from 'node:fs';
import { makeData, RecordBatch, type Schema, Struct, Type } from 'apache-arrow';
import { ArrowStreamFile } from './arrow-stream-file';
import { BoolColumn, type Column, Float64Column, Int32Column, Int64Column, Utf8Column } from './columns';

type Cell = number | string | boolean;

/** Builds one record batch of `rows` (objects keyed by field name) for `schema`. */
export function batchOf(schema: Schema, rows: ReadonlyArray<Record<string, Cell>>): RecordBatch {
  const n = rows.length;
  const children = schema.fields.map((f) => {
    const name = f.name;
    const t = f.type as { typeId: Type; bitWidth?: number };
    let col: Column;
    if (t.typeId === Type.Utf8) {
      const c = new Utf8Column(n);
      rows.forEach((r, i) => c.set(i, String(r[name])));
      col = c;
    } else if (t.typeId === Type.Bool) {
      const c = new BoolColumn(n);
      rows.forEach((r, i) => c.set(i, Boolean(r[name])));
      col = c;
    } else if (t.typeId === Type.Timestamp || (t.typeId === Type.Int && t.bitWidth === 64)) {
      const c = new Int64Column(n);
      rows.forEach((r, i) => c.set(i, Number(r[name])));
      col = c;
    } else if (t.typeId === Type.Int) {
      const c = new Int32Column(n);
      rows.forEach((r, i) => (c.values[i] = Number(r[name])));
      col = c;
    } else {
      const c = new Float64Column(n);
      rows.forEach((r, i) => (c.values[i] = Number(r[name])));
      col = c;
    }
    return col.data(f.type, n);
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
}

/** Writes batches to `path` atomically (temp + rename). Throws on I/O errors. */
export function writeStreamFile(path: string, schema: Schema, batches: Iterable<RecordBatch>): void {
  const tmp = `${path}.tmp`;
  const f = new ArrowStreamFile(tmp, schema);
  try {
    for (const b of batches) if (b.numRows > 0) f.append(b);
    f.close();
    renameSync(tmp, path);
  } catch (e) {
    f.abandon();
    rmSync(tmp, { force: true });
    throw e;
  }
}
