/**
 * DBN read in chunks: a two-hour MBP-10 window of a busy name is gigabytes once decompressed, more than
 * one buffer may hold, so a file is read 1 MB at a time, zstd is undone by fzstd's streaming decompressor,
 * and records are cut out as they complete. The same records, in the same order, as `forEachRecord`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Decompress } from 'fzstd';
import { DbnFormatError, type DbnMetadata, decodeMetadata } from './metadata';
import { type DbnMbpRecord, decodeMbp, RTYPE } from './records';

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const CHUNK = 1 << 20;

export interface DbnSink {
  onMetadata?(m: DbnMetadata): void;
  onRecord(r: DbnMbpRecord): void;
}

/** Splits plain DBN bytes, pushed in any chunking, into metadata and records. */
export class DbnSplitter {
  private buf = new Uint8Array(0);
  metadata: DbnMetadata | null = null;
  readonly skipped: Record<number, number> = {};

  constructor(private readonly sink: DbnSink) {}

  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf);
    joined.set(chunk, this.buf.length);
    let off = 0;
    if (!this.metadata) {
      if (joined.length < 8) return void (this.buf = joined);
      const end = 8 + new DataView(joined.buffer).getUint32(4, true);
      if (joined.length < end) return void (this.buf = joined);
      this.metadata = decodeMetadata(joined.subarray(0, end));
      this.sink.onMetadata?.(this.metadata);
      off = end;
    }
    const dv = new DataView(joined.buffer);
    while (off < joined.length) {
      const len = joined[off] * 4;
      if (len < 16) throw new DbnFormatError(`DBN record has length ${len}.`);
      if (off + len > joined.length) break;
      const rtype = joined[off + 1];
      if ((rtype === RTYPE.MBP_10 && len >= 368) || (rtype === RTYPE.MBP_0 && len >= 48)) this.sink.onRecord(decodeMbp(dv, off));
      else this.skipped[rtype] = (this.skipped[rtype] ?? 0) + 1;
      off += len;
    }
    this.buf = joined.slice(off);
  }

  /** At the end of input: a partial record or missing metadata is an error. */
  end(): DbnMetadata {
    if (!this.metadata) throw new DbnFormatError('The DBN input ends before its metadata is complete.');
    if (this.buf.length) throw new DbnFormatError(`The DBN input ends inside a record (${this.buf.length} bytes left over).`);
    return this.metadata;
  }
}

/** Feeds DBN input (zstd or plain, told by its first bytes) chunk by chunk to a splitter. */
export class DbnStreamDecoder {
  private zstd: Decompress | null = null;
  private started = false;
  readonly splitter: DbnSplitter;

  constructor(sink: DbnSink) {
    this.splitter = new DbnSplitter(sink);
  }

  push(chunk: Uint8Array, final = false): void {
    if (!this.started) {
      this.started = true;
      if (ZSTD_MAGIC.every((b, i) => chunk[i] === b)) this.zstd = new Decompress((data) => this.splitter.push(data));
    }
    if (this.zstd) this.zstd.push(chunk, final);
    else this.splitter.push(chunk);
  }

  end(): { metadata: DbnMetadata; skipped: Record<number, number> } {
    return { metadata: this.splitter.end(), skipped: this.splitter.skipped };
  }
}

/** Every record of a DBN file on disk, read 1 MB at a time. */
export function forEachRecordInFile(path: string, sink: DbnSink): { metadata: DbnMetadata; skipped: Record<number, number> } {
  const dec = new DbnStreamDecoder(sink);
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(CHUNK);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      dec.push(buf.slice(0, n));
    }
    dec.push(new Uint8Array(0), true);
  } finally {
    closeSync(fd);
  }
  return dec.end();
}

/** The same over bytes in memory. */
export function forEachRecordInBytes(bytes: Uint8Array, sink: DbnSink): { metadata: DbnMetadata; skipped: Record<number, number> } {
  const dec = new DbnStreamDecoder(sink);
  dec.push(bytes, true);
  return dec.end();
}

/**
 * Every record of a DBN file, read in 64 KB chunks with an await between them: a conversion running in the
 * main process then holds the event loop for a few milliseconds at a time, not for the whole file, so the
 * recorder, the IB connection and the UI keep going during a long import.
 */
export async function forEachRecordInFileAsync(path: string, sink: DbnSink, chunk = 64 * 1024): Promise<{ metadata: DbnMetadata; skipped: Record<number, number> }> {
  const dec = new DbnStreamDecoder(sink);
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(chunk);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, chunk, null);
      if (bytesRead === 0) break;
      dec.push(buf.slice(0, bytesRead));
    }
    dec.push(new Uint8Array(0), true);
  } finally {
    await fh.close();
  }
  return dec.end();
}
