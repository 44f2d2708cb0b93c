/**
 * A Databento MBP-10 file → one Tapedeck recording session (symbol, ET day), so Replay and the analysis
 * read it like a recorded one: depth.arrows holds IB-style row ops derived from the level changes
 * (mbp-to-ops.ts), ticks.arrows the trades (action T) and a quote whenever the top of book changes,
 * session.json is marked `source: 'databento'`. The folder is built beside its final place and renamed in,
 * so a reader never sees half a session; importing the same data again replaces it (same session id).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ArrowStreamFile } from '../../recording-format/arrow-stream-file';
import { DepthBatchBuilder, TickBatchBuilder, type BatchBuilder } from '../../recording-format/batch-builders';
import { DEPTH_SCHEMA, RECORDING_FILES, TICKS_SCHEMA } from '../../recording-format/schemas';
import { emptyCounts, etParts, recordingsRoot, type SessionMeta, SESSION_VERSION, sessionDir, writeSessionMeta } from '../../recording-format/session-meta';
import { type DbnMbpRecord, type DbnMetadata, RTYPE } from './dbn/decode';
import { forEachRecordInBytes, forEachRecordInFileAsync } from './dbn/stream';
import { diffBook, type Level } from './mbp-to-ops';

export interface ConvertOptions {
  dataDir: string;
  symbol: string;
  /** ET date of the session; default the ET date of the first record. */
  date?: string;
  /** What was asked of Databento, kept in session.json. */
  request?: { dataset: string; schema: string; start: number; end: number };
}

export interface ConvertResult {
  dir: string;
  meta: SessionMeta;
  records: number;
  /** Records of other instruments (a symbol remapped mid-file) or other rtypes, not converted. */
  skipped: number;
}

const NS_PER_MS = 1_000_000n;
const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** ts_recv in ms (ts_event when the venue left it undefined). */
const recvMs = (r: DbnMbpRecord): number => (r.tsRecv === U64_MAX ? r.tsEventMs : Number(r.tsRecv / NS_PER_MS));

/** `HHMMSS-xxxx` like a recorded session, the suffix derived from symbol and day so a re-import replaces it. */
export function databentoSessionId(symbol: string, date: string, firstMs: number): string {
  return `${etParts(firstMs).hhmmss}-${createHash('sha1').update(`databento|${symbol}|${date}`).digest('hex').slice(0, 4)}`;
}

class StreamOut<B extends BatchBuilder> {
  constructor(readonly file: ArrowStreamFile, readonly builder: B) {}
  flushIfFull(): void {
    if (this.builder.full) this.file.append(this.builder.take());
  }
  close(): void {
    if (this.builder.rows > 0) this.file.append(this.builder.take());
    this.file.close();
  }
}

export type DbnSource = { path: string } | { bytes: Uint8Array };

/**
 * Reads `source` (DBN, zstd or plain) in one streaming pass and writes the session; rejects with the reason.
 * A file is read in small chunks with awaits between them (the main process stays responsive).
 */
export async function convertDbnToSession(source: DbnSource, opts: ConvertOptions): Promise<ConvertResult> {
  const tmp = join(recordingsRoot(opts.dataDir), `.databento-import-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const out = await writeStreams(source, tmp, opts);
    const dir = sessionDir(opts.dataDir, opts.symbol, out.meta.date, out.meta.sessionId);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(tmp, dir);
    return { dir, meta: out.meta, records: out.records, skipped: out.skipped };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

async function writeStreams(source: DbnSource, dir: string, opts: ConvertOptions): Promise<{ meta: SessionMeta; records: number; skipped: number }> {
  const b = new SessionBuilder(dir, opts.request?.dataset.split('.')[0] ?? '');
  let read: { metadata: DbnMetadata; skipped: Record<number, number> };
  try {
    const sink = { onRecord: (r: DbnMbpRecord) => b.onRecord(r) };
    read = 'path' in source ? await forEachRecordInFileAsync(source.path, sink) : forEachRecordInBytes(source.bytes, sink);
    b.close();
  } catch (e) {
    b.abandon();
    throw e;
  }
  if (!b.head) throw new Error('The Databento file holds no MBP-10 records (empty window, or another schema).');
  const first = b.head;
  const skipped = b.skipped + Object.values(read.skipped).reduce((n, k) => n + k, 0);
  const counts = b.counts;
  counts.depthMessages = b.seq;
  counts.tickMessages = counts.trades + counts.quotes;
  counts.rowsWritten = b.seq + counts.tickMessages;
  counts.bytes = statSync(join(dir, RECORDING_FILES.depth)).size + statSync(join(dir, RECORDING_FILES.ticks)).size;
  const firstMs = recvMs(first);
  const date = opts.date ?? etParts(firstMs).date;
  const meta: SessionMeta = {
    version: SESSION_VERSION,
    sessionId: databentoSessionId(opts.symbol, date, firstMs),
    symbol: opts.symbol,
    date,
    contract: null,
    startedAt: firstMs,
    stoppedAt: b.lastMs,
    counts,
    epochs: [{ epoch: 1, start: firstMs }],
    gaps: [],
    markers: [],
    error: null,
    repaired: null,
    source: 'databento',
    databento: {
      dataset: read.metadata.dataset, schema: 'mbp-10', instrumentId: first.instrumentId, dbnVersion: read.metadata.version,
      records: b.records, skipped, requested: opts.request ?? null,
    },
  };
  writeSessionMeta(dir, meta);
  return { meta, records: b.records, skipped };
}

/** The two streams of a session, fed one MBP-10 record at a time. */
class SessionBuilder {
  private readonly depth: StreamOut<DepthBatchBuilder>;
  private readonly ticks: StreamOut<TickBatchBuilder>;
  readonly counts = emptyCounts();
  private book: { bids: Level[]; asks: Level[] } = { bids: [], asks: [] };
  private top = '';
  head: DbnMbpRecord | null = null;
  seq = 0;
  records = 0;
  skipped = 0;
  lastMs = 0;

  constructor(dir: string, private readonly venue: string) {
    this.depth = new StreamOut(new ArrowStreamFile(join(dir, RECORDING_FILES.depth), DEPTH_SCHEMA), new DepthBatchBuilder());
    this.ticks = new StreamOut(new ArrowStreamFile(join(dir, RECORDING_FILES.ticks), TICKS_SCHEMA), new TickBatchBuilder());
  }

  onRecord(r: DbnMbpRecord): void {
    // The first MBP-10 record names the instrument: a symbol remapped mid-file would be another book.
    if (r.rtype === RTYPE.MBP_10 && !this.head) this.head = r;
    if (r.rtype !== RTYPE.MBP_10 || r.instrumentId !== this.head?.instrumentId) {
      this.skipped++;
      return;
    }
    this.records++;
    const ts = recvMs(r);
    this.lastMs = ts;
    const next = diffBook(this.book, r.levels);
    for (const op of next.ops) {
      this.depth.builder.append({ tsRecv: ts, ...op, marketMaker: '', isSmart: false }, ++this.seq, 1);
      this.depth.flushIfFull();
    }
    this.book = next;
    if (r.action === 'T' && r.price !== null) {
      this.ticks.builder.appendTrade({ tsEvent: r.tsEventMs, tsRecv: ts, price: r.price, size: r.size, exchange: this.venue, conditions: '' });
      this.counts.trades++;
      this.ticks.flushIfFull();
    }
    this.quoteIfTopChanged(r.tsEventMs, ts);
  }

  /** A quote row whenever the best bid or ask (price or size) changes, like IB's tick-by-tick BidAsk. */
  private quoteIfTopChanged(tsEvent: number, ts: number): void {
    const b = this.book.bids[0];
    const a = this.book.asks[0];
    const key = `${b?.price}:${b?.size}:${a?.price}:${a?.size}`;
    if (key === this.top || (!b && !a)) return;
    this.top = key;
    this.ticks.builder.appendQuote({ tsEvent, tsRecv: ts, bidPrice: b?.price ?? NaN, askPrice: a?.price ?? NaN, bidSize: b?.size ?? 0, askSize: a?.size ?? 0 });
    this.counts.quotes++;
    this.ticks.flushIfFull();
  }

  close(): void {
    this.depth.close();
    this.ticks.close();
  }

  abandon(): void {
    this.depth.file.abandon();
    this.ticks.file.abandon();
  }
}
