/**
 * Readers of a session folder's files. Every reader validates what it reads (a path from the user or a
 * file cut by a crash is hostile input) and throws an Error naming the file at fault and why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Table, tableFromIPC } from 'apache-arrow';
import { scanIpcStream } from './ipc-framing';
import { SESSION_FILE, SESSION_VERSION, type SessionMeta } from './session-meta';

export const DEPTH_COLUMNS = ['tsRecv', 'seq', 'epoch', 'position', 'operation', 'side', 'price', 'size', 'marketMaker'] as const;
export const TICK_COLUMNS = ['kind', 'tsRecv', 'price', 'size', 'exchange', 'conditions'] as const;

/** Decodes whole Arrow IPC stream bytes; a torn or foreign stream is an Error that says which and why. */
export function decodeStream(path: string, bytes: Uint8Array, columns: readonly string[]): Table {
  const scan = scanIpcStream(bytes);
  if (!scan.hasSchema) throw new Error(`${path} is not an Arrow IPC stream (empty, or cut before its schema)`);
  if (scan.goodEnd < bytes.length) {
    throw new Error(
      `${path} is torn: ${bytes.length - scan.goodEnd} bytes after its last whole batch (row ${scan.rows}) cannot be read; ` +
        'Tapedeck repairs such files on its next start',
    );
  }
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new Error(`${path} cannot be decoded: ${(e as Error).message}`);
  }
  const missing = columns.filter((c) => !table.getChild(c));
  if (missing.length) throw new Error(`${path} is not a Tapedeck recording file: no column ${missing.join(', ')}`);
  return table;
}

/** Reads one whole Arrow IPC stream file (see decodeStream). */
export function readStream(path: string, columns: readonly string[]): Table {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return decodeStream(path, bytes, columns);
}

/** A column as plain numbers (Int64 and timestamps arrive as bigint). */
export function numbers(t: Table, name: string): number[] {
  return Array.from(t.getChild(name)!.toArray() as ArrayLike<number | bigint>, Number);
}

/** A column as a Float64Array (Int64 and timestamps converted; safe below 2^53). */
export function float64s(t: Table, name: string): Float64Array {
  const col = t.getChild(name)!;
  const out = new Float64Array(col.length);
  let at = 0;
  for (const chunk of col.data) {
    const v = chunk.values as ArrayLike<number | bigint> & { buffer: ArrayBufferLike; byteOffset: number };
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
      // Read the two 32-bit halves instead of converting a BigInt per row (seek time is mostly this).
      const lo = new Uint32Array(v.buffer, v.byteOffset + chunk.offset * 8, chunk.length * 2);
      const hi = new Int32Array(v.buffer, v.byteOffset + chunk.offset * 8, chunk.length * 2);
      for (let i = 0; i < chunk.length; i++) out[at + i] = hi[2 * i + 1] * 4294967296 + lo[2 * i];
    } else {
      for (let i = 0; i < chunk.length; i++) out[at + i] = Number(v[chunk.offset + i]);
    }
    at += chunk.length;
  }
  return out;
}

const utf8 = new TextDecoder();
/** Short strings (maker and exchange codes) by their bytes: a recording repeats a handful of them. */
const shortStrings = new Map<number, string>();

export function strings(t: Table, name: string): string[] {
  const col = t.getChild(name)!;
  const out = new Array<string>(col.length);
  let at = 0;
  for (const chunk of col.data) {
    const offsets = chunk.valueOffsets as Int32Array | undefined;
    const bytes = chunk.values as Uint8Array | undefined;
    if (!offsets || !(bytes instanceof Uint8Array) || chunk.nullCount > 0) {
      return Array.from(col.toArray() as ArrayLike<string | null>, (v) => v ?? ''); // not plain Utf8: the library's way
    }
    for (let i = 0; i < chunk.length; i++) {
      const a = offsets[chunk.offset + i];
      const b = offsets[chunk.offset + i + 1];
      if (b - a > 6) {
        out[at + i] = utf8.decode(bytes.subarray(a, b));
        continue;
      }
      let key = b - a;
      for (let j = a; j < b; j++) key = key * 256 + bytes[j];
      let v = shortStrings.get(key);
      if (v === undefined) {
        v = utf8.decode(bytes.subarray(a, b));
        if (shortStrings.size < 65536) shortStrings.set(key, v);
      }
      out[at + i] = v;
    }
    at += chunk.length;
  }
  return out;
}

/** Reads and checks session.json; throws an Error naming the file when it is missing, malformed or too new. */
export function readSessionMetaStrict(dir: string): SessionMeta {
  const path = join(dir, SESSION_FILE);
  let meta: SessionMeta;
  try {
    meta = JSON.parse(readFileSync(path, 'utf8')) as SessionMeta;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(`cannot read ${path} (${why}): without it the book resets (316/317) are unknown`);
  }
  if (meta === null || typeof meta !== 'object' || typeof meta.version !== 'number' || meta.version > SESSION_VERSION) {
    throw new Error(`${path} has version ${String(meta?.version)}; this build reads up to version ${SESSION_VERSION}`);
  }
  return meta;
}
