/**
 * Repair of one Arrow IPC stream file cut by a crash: cut back to the last whole message and closed with
 * its end-of-stream marker, so every whole record batch stays readable.
 */
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { RecordBatchStreamWriter, type Schema, tableFromIPC } from 'apache-arrow';
import { EOS_MARKER, scanIpcStream } from './ipc-framing';

export interface FileRepair {
  lostBytes: number;
  rows: number;
  /** Largest tsRecv (ticks/depth) or ts (snapshots) still readable, null when empty. */
  lastTs: number | null;
}

/** Cuts one stream file to its last whole message and closes it with EOS; rewrites the schema if even that was cut. */
export function repairArrowFile(path: string, schema: Schema): FileRepair {
  const bytes = readFileSync(path);
  const scan = scanIpcStream(bytes);
  const fd = openSync(path, 'r+');
  try {
    if (!scan.hasSchema) {
      ftruncateSync(fd, 0);
      const fresh = emptyStream(schema);
      writeSync(fd, fresh, 0, fresh.length, 0);
    } else if (!scan.eos || scan.goodEnd !== bytes.length) {
      ftruncateSync(fd, scan.goodEnd);
      if (!scan.eos) writeSync(fd, EOS_MARKER, 0, EOS_MARKER.length, scan.goodEnd);
    }
  } finally {
    closeSync(fd);
  }
  const lostBytes = scan.hasSchema ? bytes.length - scan.goodEnd : bytes.length;
  return { lostBytes, rows: scan.rows, lastTs: lastTimestamp(path) };
}

/** A whole stream with the schema and no batches. */
export function emptyStream(schema: Schema): Uint8Array {
  const w = new RecordBatchStreamWriter();
  w.reset(undefined, schema);
  const bytes = w.toUint8Array(true);
  return Uint8Array.from([...bytes, ...EOS_MARKER]);
}

function lastTimestamp(path: string): number | null {
  const table = tableFromIPC(readFileSync(path));
  if (table.numRows === 0) return null;
  const col = table.getChild('tsRecv') ?? table.getChild('ts');
  const v = col?.get(table.numRows - 1);
  return v === null || v === undefined ? null : Number(v);
}
