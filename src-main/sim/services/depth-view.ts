/**
 * A client's depth view: the full book mirrored from the market (IB row-shifting semantics) and the
 * operations that keep the client's top `numRows` rows identical to the mirror's.
 */
import type { SimDepthOp } from '../market/types';

export interface DepthRow {
  price: number;
  size: number;
  marketMaker: string;
}

export interface ClientDepthOp {
  position: number;
  operation: 0 | 1 | 2;
  side: 0 | 1;
  row: DepthRow;
}

const rowOf = (op: SimDepthOp): DepthRow => ({ price: op.price, size: op.size, marketMaker: op.marketMaker });

export class DepthView {
  private readonly sides: [DepthRow[], DepthRow[]] = [[], []];
  /** What the client holds while the stream is paused (null when in sync). */
  private frozen: [DepthRow[], DepthRow[]] | null = null;

  constructor(readonly numRows: number, initial: { bids: SimDepthOp[]; asks: SimDepthOp[] }) {
    this.sides[0] = initial.asks.map(rowOf);
    this.sides[1] = initial.bids.map(rowOf);
  }

  /** The stream starts paused: the client holds nothing until it resumes. */
  pauseFromEmpty(): void {
    this.frozen = [[], []];
  }

  /** Inserts for rows 0..n-1 of both sides, best first. */
  snapshot(): ClientDepthOp[] {
    const out: ClientDepthOp[] = [];
    for (let i = 0; i < this.numRows; i++) {
      for (const side of [1, 0] as const) {
        const row = this.sides[side][i];
        if (row) out.push({ position: i, operation: 0, side, row });
      }
    }
    return out;
  }

  /** Applies a market op; returns what the client must receive (empty when the change is below its rows). */
  apply(op: SimDepthOp, emit: boolean): ClientDepthOp[] {
    if (!emit && !this.frozen) this.frozen = [this.top(0), this.top(1)];
    const out: ClientDepthOp[] = [];
    const rows = this.sides[op.side];
    const n = this.numRows;
    const side = op.side;
    if (op.operation === 0) {
      const p = Math.max(0, Math.min(op.position, rows.length));
      const wasFull = rows.length >= n;
      rows.splice(p, 0, rowOf(op));
      if (p < n) {
        if (wasFull) out.push({ position: n - 1, operation: 2, side, row: rows[n] });
        out.push({ position: p, operation: 0, side, row: rows[p] });
      }
    } else if (op.operation === 1) {
      if (op.position >= rows.length) return this.apply({ ...op, operation: 0, position: rows.length }, emit);
      rows[op.position] = rowOf(op);
      if (op.position < n) out.push({ position: op.position, operation: 1, side, row: rows[op.position] });
    } else {
      if (op.position >= rows.length) return [];
      const [gone] = rows.splice(op.position, 1);
      if (op.position < n) {
        out.push({ position: op.position, operation: 2, side, row: gone });
        if (rows.length >= n) out.push({ position: n - 1, operation: 0, side, row: rows[n - 1] });
      }
    }
    return emit ? out : [];
  }

  /** After a pause: the ops that take the client from what it last saw to the current top rows. */
  resync(): ClientDepthOp[] {
    if (!this.frozen) return [];
    const out: ClientDepthOp[] = [];
    for (const side of [1, 0] as const) {
      const had = this.frozen[side];
      const now = this.top(side);
      const common = Math.min(had.length, now.length);
      for (let i = 0; i < common; i++) {
        if (had[i].price !== now[i].price || had[i].size !== now[i].size || had[i].marketMaker !== now[i].marketMaker) {
          out.push({ position: i, operation: 1, side, row: now[i] });
        }
      }
      for (let i = had.length - 1; i >= now.length; i--) out.push({ position: i, operation: 2, side, row: had[i] });
      for (let i = had.length; i < now.length; i++) out.push({ position: i, operation: 0, side, row: now[i] });
    }
    this.frozen = null;
    return out;
  }

  private top(side: 0 | 1): DepthRow[] {
    return this.sides[side].slice(0, this.numRows).map((r) => ({ ...r }));
  }
}
