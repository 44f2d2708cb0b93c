/**
 * The batch index (index.arrows, INDEX_SCHEMA): where each record batch of a session's streams lies in its
 * file, with its first/last seq and receive time, so a reader decodes only the batches a seek needs.
 * Written when a session closes; built on first open for older or crash-repaired sessions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageHeader, type Table, tableFromIPC } from 'apache-arrow';
import { EOS_MARKER, listIpcMessages } from './ipc-framing';
import { float64s } from './readers';
import { INDEX_FILE, INDEX_SCHEMA, KEYFRAME_FILE, RECORDING_FILES } from './schemas';
import { batchOf, writeStreamFile } from './table-file';

export interface BatchIndexEntry {
  file: string;
  batch: number;
  offset: number;
  length: number;
  rows: number;
  firstSeq: number;
  lastSeq: number;
  firstTs: number;
  lastTs: number;
  fileBytes: number;
}

/** The files the index covers, when present. */
export const INDEXED_FILES = [RECORDING_FILES.depth, RECORDING_FILES.ticks, KEYFRAME_FILE] as const;

/** Decodes one record batch message given its stream's schema message bytes. */
export function decodeBatch(schemaBytes: Uint8Array, message: Uint8Array): Table {
  const bytes = new Uint8Array(schemaBytes.length + message.length + EOS_MARKER.length);
  bytes.set(schemaBytes, 0);
  bytes.set(message, schemaBytes.length);
  bytes.set(EOS_MARKER, schemaBytes.length + message.length);
  return tableFromIPC(bytes);
}

/** Index entries of one stream's bytes (whole messages only; a torn tail is left out). */
export function indexStream(file: string, bytes: Uint8Array): BatchIndexEntry[] {
  const spans = listIpcMessages(bytes);
  const schema = spans.find((s) => s.type === MessageHeader.Schema);
  if (!schema) return [emptyFileEntry(file, bytes.length)];
  const schemaBytes = bytes.subarray(schema.offset, schema.end);
  const out: BatchIndexEntry[] = [];
  for (const s of spans) {
    if (s.type !== MessageHeader.RecordBatch || s.rows === 0) continue;
    const t = decodeBatch(schemaBytes, bytes.subarray(s.offset, s.end));
    const seq = t.getChild('seq') ? float64s(t, 'seq') : null;
    const ts = float64s(t, t.getChild('tsRecv') ? 'tsRecv' : 'ts');
    out.push({
      file, batch: out.length, offset: s.offset, length: s.end - s.offset, rows: t.numRows,
      firstSeq: seq ? seq[0] : -1, lastSeq: seq ? seq[seq.length - 1] : -1,
      firstTs: ts[0], lastTs: ts[ts.length - 1], fileBytes: bytes.length,
    });
  }
  return out.length > 0 ? out : [emptyFileEntry(file, bytes.length)];
}

/** A file without batches still has a row (batch -1), so its size is known and the index is not taken for stale. */
export const emptyFileEntry = (file: string, fileBytes: number): BatchIndexEntry => ({
  file, batch: -1, offset: 0, length: 0, rows: 0, firstSeq: -1, lastSeq: -1, firstTs: 0, lastTs: 0, fileBytes,
});

/** Indexes every stream of a session folder. */
export function buildBatchIndex(dir: string): BatchIndexEntry[] {
  const out: BatchIndexEntry[] = [];
  for (const file of INDEXED_FILES) {
    const path = join(dir, file);
    if (existsSync(path)) out.push(...indexStream(file, readFileSync(path)));
  }
  return out;
}

export function writeBatchIndex(dir: string, entries: readonly BatchIndexEntry[]): void {
  writeStreamFile(join(dir, INDEX_FILE), INDEX_SCHEMA, [batchOf(INDEX_SCHEMA, entries as unknown as Array<Record<string, number | string>>)]);
}

/** The stored index, or null when absent, unreadable, or stale (a file's size differs from when it was indexed). */
export function readBatchIndex(dir: string): BatchIndexEntry[] | null {
  let t: Table;
  try {
    t = tableFromIPC(readFileSync(join(dir, INDEX_FILE)));
  } catch {
    return null;
  }
  if (INDEX_SCHEMA.fields.some((f) => !t.getChild(f.name))) return null;
  const files = Array.from(t.getChild('file')!.toArray() as ArrayLike<string>);
  const cols = Object.fromEntries(INDEX_SCHEMA.fields.filter((f) => f.name !== 'file').map((f) => [f.name, float64s(t, f.name)]));
  const entries = files.map((file, i) => {
    const e = { file } as BatchIndexEntry;
    for (const [k, v] of Object.entries(cols)) (e as unknown as Record<string, number>)[k] = v[i];
    return e;
  });
  for (const file of INDEXED_FILES) {
    const path = join(dir, file);
    const size = existsSync(path) ? statSync(path).size : -1;
    const mine = entries.filter((e) => e.file === file);
    if (mine.length > 0 ? mine[0].fileBytes !== size : size >= 0 && file !== KEYFRAME_FILE) return null;
  }
  return entries.filter((e) => e.batch >= 0);
}
