/**
 * An Arrow IPC stream appended to a file. apache-arrow's RecordBatchStreamWriter does the framing; its
 * sink writes each message to the file descriptor synchronously, so once `append` returns the batch is
 * in the OS (a crash of the app loses nothing already appended) and the column buffers may be reused.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { AsyncByteQueue, type RecordBatch, RecordBatchStreamWriter, type Schema } from 'apache-arrow';

/** Arrow's writer accepts an AsyncByteQueue as its sink; this one forwards bytes straight to a file. */
class FileSink extends AsyncByteQueue {
  bytes = 0;
  constructor(private readonly fd: number) {
    super();
  }
  override write(value: Uint8Array | ArrayBufferView): void {
    const view = value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    let done = 0;
    while (done < view.byteLength) done += writeSync(this.fd, view, done, view.byteLength - done);
    this.bytes += view.byteLength;
  }
  override close(): void {}
}

/**
 * apache-arrow's writers note a block (offset, length) per record batch for the footer of the Arrow *file*
 * format; a stream never writes that footer, yet the list grows a block a batch for as long as a recording
 * runs (tens of thousands an hour over 5 streams). Cleared after every write; left alone, if arrow's
 * internals ever change, at the cost of that slow growth only.
 */
export function forgetFooterBlocks(writer: RecordBatchStreamWriter): void {
  const w = writer as unknown as { _recordBatchBlocks?: unknown; _dictionaryBlocks?: unknown };
  if (Array.isArray(w._recordBatchBlocks)) w._recordBatchBlocks.length = 0;
  if (Array.isArray(w._dictionaryBlocks)) w._dictionaryBlocks.length = 0;
}

export class ArrowStreamFile {
  private readonly fd: number;
  private readonly sink: FileSink;
  private readonly writer = new RecordBatchStreamWriter();
  private closed = false;
  batches = 0;
  rows = 0;
  /** Byte span of the last batch appended (for the batch index). */
  lastSpan = { offset: 0, length: 0 };

  /** Creates (truncates) the file and writes the schema message. Throws on I/O errors (the caller maps them). */
  constructor(readonly path: string, readonly schema: Schema) {
    this.fd = openSync(path, 'w');
    this.sink = new FileSink(this.fd);
    try {
      this.writer.reset(this.sink as never, schema);
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  get bytes(): number {
    return this.sink.bytes;
  }

  /** Writes one record batch; throws on I/O errors (ENOSPC, EIO). */
  append(batch: RecordBatch): void {
    if (this.closed) throw new Error(`${this.path} is closed`);
    const offset = this.sink.bytes;
    this.writer.write(batch);
    this.lastSpan = { offset, length: this.sink.bytes - offset };
    forgetFooterBlocks(this.writer);
    this.batches++;
    this.rows += batch.numRows;
  }

  /** Writes the end-of-stream marker and closes the file. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.writer.close();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the descriptor without an EOS (after an I/O error the tail is repaired on next start). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // Already failing: nothing more to release.
    }
  }
}
