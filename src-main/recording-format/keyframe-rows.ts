/** Writes and reads keyframes.arrows (layout: KEYFRAME_SCHEMA in schemas.ts). */
import type { Table } from 'apache-arrow';
import type { BookRow } from '../../src-shared/domain/book';
import { bookChecksum } from '../../src-shared/domain/replay/book-checksum';
import { KEYFRAME_REASONS, type Keyframe, type KeyframeReason } from '../../src-shared/domain/replay/keyframe';
import { BatchBuilder } from './batch-builders';
import { type Column, Float64Column, Int32Column, Int64Column, Utf8Column } from './columns';
import { float64s, strings } from './readers';
import { KEYFRAME_SCHEMA } from './schemas';

export const KEYFRAME_BATCH_ROWS = 8192;

export class KeyframeBatchBuilder extends BatchBuilder {
  private readonly cols: {
    kf: Int32Column; seq: Int64Column; markers: Int32Column; tsRecv: Int64Column; epoch: Int32Column; reason: Utf8Column;
    rows: Int32Column; checksum: Int64Column; side: Int32Column; position: Int32Column; price: Float64Column; size: Float64Column;
    marketMaker: Utf8Column;
  };
  protected readonly columns: Column[];

  constructor(capacity = KEYFRAME_BATCH_ROWS) {
    super(KEYFRAME_SCHEMA, capacity);
    const c = (this.cols = {
      kf: new Int32Column(capacity), seq: new Int64Column(capacity), markers: new Int32Column(capacity),
      tsRecv: new Int64Column(capacity), epoch: new Int32Column(capacity), reason: new Utf8Column(capacity),
      rows: new Int32Column(capacity), checksum: new Int64Column(capacity), side: new Int32Column(capacity),
      position: new Int32Column(capacity), price: new Float64Column(capacity), size: new Float64Column(capacity),
      marketMaker: new Utf8Column(capacity),
    });
    this.columns = [c.kf, c.seq, c.markers, c.tsRecv, c.epoch, c.reason, c.rows, c.checksum, c.side, c.position, c.price, c.size, c.marketMaker];
  }

  /** Whether a keyframe of `bookRows` rows still fits in this batch (a keyframe never spans two batches). */
  fits(bookRows: number): boolean {
    return this.rows + bookRows + 1 <= this.capacity;
  }

  append(k: Keyframe): void {
    const n = k.asks.length + k.bids.length;
    this.row(k, n, -1, -1, { price: NaN, size: NaN, marketMaker: '' });
    k.asks.forEach((r, p) => this.row(k, n, 0, p, r));
    k.bids.forEach((r, p) => this.row(k, n, 1, p, r));
  }

  private row(k: Keyframe, n: number, side: number, position: number, r: Readonly<BookRow>): void {
    const i = this.nextRow();
    const c = this.cols;
    c.kf.values[i] = k.kf;
    c.seq.set(i, k.seq);
    c.markers.values[i] = k.markers;
    c.tsRecv.set(i, k.tsRecv);
    c.epoch.values[i] = k.epoch;
    c.reason.set(i, k.reason);
    c.rows.values[i] = n;
    c.checksum.set(i, k.checksum);
    c.side.values[i] = side;
    c.position.values[i] = position;
    c.price.values[i] = r.price;
    c.size.values[i] = r.size;
    c.marketMaker.set(i, r.marketMaker);
  }
}

export const KEYFRAME_COLUMNS = KEYFRAME_SCHEMA.fields.map((f) => f.name);

export interface KeyframeRead {
  keyframes: Keyframe[];
  /** Keyframes dropped: rows missing (a torn tail), or rows that do not hash to the stored checksum. */
  rejected: Array<{ kf: number; seq: number; why: string }>;
}

/** Keyframes of a decoded keyframes.arrows table, each checked against its own checksum. */
export function keyframesOf(t: Table): KeyframeRead {
  const num = (name: string) => float64s(t, name);
  const [kf, seq, markers, tsRecv, epoch, rows, checksum, side, position, price, size] = [
    'kf', 'seq', 'markers', 'tsRecv', 'epoch', 'rows', 'checksum', 'side', 'position', 'price', 'size',
  ].map(num);
  const reason = strings(t, 'reason');
  const mm = strings(t, 'marketMaker');
  const out: KeyframeRead = { keyframes: [], rejected: [] };
  let i = 0;
  while (i < t.numRows) {
    if (side[i] !== -1) {
      i++; // a book row without its header (cannot happen in a whole file): skip it
      continue;
    }
    const k: Keyframe = {
      kf: kf[i], seq: seq[i], markers: markers[i], tsRecv: tsRecv[i], epoch: epoch[i],
      reason: (KEYFRAME_REASONS as readonly string[]).includes(reason[i]) ? (reason[i] as KeyframeReason) : 'built',
      checksum: checksum[i], asks: [], bids: [],
    };
    const n = rows[i];
    let j = i + 1;
    let ordered = true;
    for (; j < t.numRows && side[j] !== -1 && kf[j] === k.kf; j++) {
      const rows = side[j] === 0 ? k.asks : k.bids;
      ordered &&= position[j] === rows.length;
      rows.push({ price: price[j], size: size[j], marketMaker: mm[j] });
    }
    if (j - i - 1 !== n) out.rejected.push({ kf: k.kf, seq: k.seq, why: `${j - i - 1} of ${n} rows` });
    else if (!ordered) out.rejected.push({ kf: k.kf, seq: k.seq, why: 'rows out of position order' });
    else if (bookChecksum(k.asks, k.bids) !== k.checksum) out.rejected.push({ kf: k.kf, seq: k.seq, why: 'rows do not match the checksum' });
    else out.keyframes.push(k);
    i = j;
  }
  return out;
}
