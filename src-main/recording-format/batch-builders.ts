/**
 * Row accumulators for the three recording files. Each holds one batch worth of fixed-capacity columns;
 * `full` says when to flush, `take()` returns the RecordBatch and empties the accumulator.
 */
import { makeData, RecordBatch, type Schema, Struct } from 'apache-arrow';
import type { OrderBookDelta, QuoteTick, TradeTick } from '../../src-shared/domain/depth';
import { BoolColumn, type Column, Float64Column, Int32Column, Int64Column, Utf8Column } from './columns';
import { DEPTH_SCHEMA, snapshotSchema, TICKS_SCHEMA } from './schemas';

export const DEFAULT_BATCH_ROWS = 4096;

export abstract class BatchBuilder {
  rows = 0;
  protected abstract readonly columns: Column[];
  constructor(readonly schema: Schema, readonly capacity: number) {}

  get full(): boolean {
    return this.rows >= this.capacity;
  }

  /** The accumulated rows as a batch (valid until the next append: buffers are reused). */
  take(): RecordBatch {
    const n = this.rows;
    const children = this.columns.map((c, i) => c.data(this.schema.fields[i].type, n));
    const batch = new RecordBatch(this.schema, makeData({ type: new Struct(this.schema.fields), length: n, nullCount: 0, children }));
    this.rows = 0;
    return batch;
  }

  /** Index of the next row; the first row of a batch clears the buffers the last batch was written from. */
  protected nextRow(): number {
    if (this.rows === 0) for (const c of this.columns) c.reset();
    return this.rows++;
  }
}

export class DepthBatchBuilder extends BatchBuilder {
  private readonly tsRecv: Int64Column;
  private readonly seq: Int64Column;
  private readonly epoch: Int32Column;
  private readonly position: Int32Column;
  private readonly operation: Int32Column;
  private readonly side: Int32Column;
  private readonly price: Float64Column;
  private readonly size: Float64Column;
  private readonly marketMaker: Utf8Column;
  private readonly isSmart: BoolColumn;
  protected readonly columns: Column[];

  constructor(capacity = DEFAULT_BATCH_ROWS) {
    super(DEPTH_SCHEMA, capacity);
    this.columns = [
      (this.tsRecv = new Int64Column(capacity)),
      (this.seq = new Int64Column(capacity)),
      (this.epoch = new Int32Column(capacity)),
      (this.position = new Int32Column(capacity)),
      (this.operation = new Int32Column(capacity)),
      (this.side = new Int32Column(capacity)),
      (this.price = new Float64Column(capacity)),
      (this.size = new Float64Column(capacity)),
      (this.marketMaker = new Utf8Column(capacity)),
      (this.isSmart = new BoolColumn(capacity)),
    ];
  }

  append(d: OrderBookDelta, seq: number, epoch: number): void {
    const i = this.nextRow();
    this.tsRecv.set(i, d.tsRecv);
    this.seq.set(i, seq);
    this.epoch.values[i] = epoch;
    this.position.values[i] = d.position;
    this.operation.values[i] = d.operation;
    this.side.values[i] = d.side;
    this.price.values[i] = d.price;
    this.size.values[i] = d.size;
    this.marketMaker.set(i, d.marketMaker);
    this.isSmart.set(i, d.isSmart);
  }
}

export class TickBatchBuilder extends BatchBuilder {
  private readonly kind: Utf8Column;
  private readonly tsEvent: Int64Column;
  private readonly tsRecv: Int64Column;
  private readonly f64: Float64Column[];
  private readonly exchange: Utf8Column;
  private readonly conditions: Utf8Column;
  protected readonly columns: Column[];

  constructor(capacity = DEFAULT_BATCH_ROWS) {
    super(TICKS_SCHEMA, capacity);
    this.f64 = Array.from({ length: 6 }, () => new Float64Column(capacity));
    this.columns = [
      (this.kind = new Utf8Column(capacity)),
      (this.tsEvent = new Int64Column(capacity)),
      (this.tsRecv = new Int64Column(capacity)),
      ...this.f64,
      (this.exchange = new Utf8Column(capacity)),
      (this.conditions = new Utf8Column(capacity)),
    ];
  }

  private row(kind: string, tsEvent: number, tsRecv: number, nums: readonly number[], exchange: string, conditions: string): void {
    const i = this.nextRow();
    this.kind.set(i, kind);
    this.tsEvent.set(i, tsEvent);
    this.tsRecv.set(i, tsRecv);
    for (let c = 0; c < 6; c++) this.f64[c].values[i] = nums[c];
    this.exchange.set(i, exchange);
    this.conditions.set(i, conditions);
  }

  appendTrade(t: TradeTick): void {
    this.row('trade', t.tsEvent, t.tsRecv, [t.price, t.size, NaN, NaN, NaN, NaN], t.exchange, t.conditions);
  }

  appendQuote(q: QuoteTick): void {
    this.row('quote', q.tsEvent, q.tsRecv, [NaN, NaN, q.bidPrice, q.askPrice, q.bidSize, q.askSize], '', '');
  }
}

/** Top-of-book levels as [price, size] pairs, best first (the book's aggregated view fits). */
export type SnapshotSide = ReadonlyArray<readonly [number, number, ...number[]]>;

export class SnapshotBatchBuilder extends BatchBuilder {
  private readonly ts: Int64Column;
  private readonly seq: Int64Column;
  private readonly levelCols: Float64Column[];
  protected readonly columns: Column[];

  constructor(readonly levels: number, capacity = 1024) {
    super(snapshotSchema(levels), capacity);
    this.levelCols = Array.from({ length: levels * 4 }, () => new Float64Column(capacity));
    this.columns = [(this.ts = new Int64Column(capacity)), (this.seq = new Int64Column(capacity)), ...this.levelCols];
  }

  append(ts: number, seq: number, bids: SnapshotSide, asks: SnapshotSide): void {
    const i = this.nextRow();
    this.ts.set(i, ts);
    this.seq.set(i, seq);
    for (let l = 0; l < this.levels; l++) {
      const b = bids[l];
      const a = asks[l];
      this.levelCols[4 * l].values[i] = b ? b[0] : NaN;
      this.levelCols[4 * l + 1].values[i] = b ? b[1] : 0;
      this.levelCols[4 * l + 2].values[i] = a ? a[0] : NaN;
      this.levelCols[4 * l + 3].values[i] = a ? a[1] : 0;
    }
  }
}
