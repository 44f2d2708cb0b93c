/**
 * The batch index of a stream as it is written: the writer notes each row's seq and time, and each batch's
 * byte span once appended, so closing a session writes index.arrows without reading its files back.
 */
import { type BatchIndexEntry, emptyFileEntry } from './batch-index';

export class BatchLog {
  readonly entries: BatchIndexEntry[] = [];
  private firstSeq = -1;
  private lastSeq = -1;
  private firstTs = NaN;
  private lastTs = NaN;

  constructor(readonly file: string) {}

  /** A row joined the pending batch (seq -1 for files without one). */
  note(seq: number, ts: number): void {
    if (Number.isNaN(this.firstTs)) {
      this.firstSeq = seq;
      this.firstTs = ts;
    }
    this.lastSeq = seq;
    this.lastTs = ts;
  }

  /** The pending batch was appended at `span` with `rows` rows. */
  appended(span: { offset: number; length: number }, rows: number): void {
    this.entries.push({
      file: this.file, batch: this.entries.length, offset: span.offset, length: span.length, rows,
      firstSeq: this.firstSeq, lastSeq: this.lastSeq, firstTs: this.firstTs, lastTs: this.lastTs, fileBytes: 0,
    });
    this.firstTs = NaN;
  }

  /** Entries stamped with the file's final size. */
  final(fileBytes: number): BatchIndexEntry[] {
    return this.entries.length ? this.entries.map((e) => ({ ...e, fileBytes })) : [emptyFileEntry(this.file, fileBytes)];
  }
}
