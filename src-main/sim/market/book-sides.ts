import type { SimDepthOp } from './types';

/** A SMART book row, price in ticks. */
export interface MmRow {
  px: number;
  size: number;
  mm: string;
}

/** A price level of the plain (non-SMART) view. */
interface Level {
  px: number;
  size: number;
  makers: number;
}

export type OpSink = (op: SimDepthOp, smart: boolean) => void;

/** Side 0 ask (ascending), 1 bid (descending): is `a` a better price than `b` on `side`? */
export const better = (side: 0 | 1, a: number, b: number): boolean => (side === 1 ? a > b : a < b);

/**
 * Both views of one book kept in step: SMART rows (one per market maker and price) and plain rows
 * (one per price). Every mutation goes through here and comes out as IB depth ops for both views,
 * with IB's row-shifting positions.
 */
export class BookSides {
  readonly rows: [MmRow[], MmRow[]] = [[], []];
  private readonly levels: [Level[], Level[]] = [[], []];

  constructor(
    private readonly price: (ticks: number) => number,
    private readonly sink: OpSink,
  ) {}

  best(side: 0 | 1): MmRow | undefined {
    return this.rows[side][0];
  }

  /** Total size at the best price of a side (what a top-of-book quote shows). */
  bestSize(side: 0 | 1): number {
    return this.levels[side][0]?.size ?? 0;
  }

  /** Price levels (distinct prices) on a side. */
  levelCount(side: 0 | 1): number {
    return this.levels[side].length;
  }

  /** Price (ticks) of the level `i` levels from the inside. */
  levelPx(side: 0 | 1, i: number): number | undefined {
    return this.levels[side][i]?.px;
  }

  /** Rows at price `px`: the first row's position and how many (count 0 when no level there). */
  rowsAt(side: 0 | 1, px: number): { start: number; count: number } {
    let start = 0;
    for (const l of this.levels[side]) {
      if (l.px === px) return { start, count: l.makers };
      if (!better(side, l.px, px)) break;
      start += l.makers;
    }
    return { start, count: 0 };
  }

  /** Position where a new row at `px` goes: after rows at the same price (time priority). */
  slot(side: 0 | 1, px: number): number {
    const rows = this.rows[side];
    let i = 0;
    while (i < rows.length && !better(side, px, rows[i].px)) i++;
    return i;
  }

  private levelIndex(side: 0 | 1, px: number): number {
    const lv = this.levels[side];
    let i = 0;
    while (i < lv.length && better(side, lv[i].px, px)) i++;
    return i;
  }

  private emit(position: number, operation: 0 | 1 | 2, side: 0 | 1, px: number, size: number, mm: string, smart: boolean): void {
    this.sink({ position, operation, side, price: this.price(px), size, marketMaker: mm }, smart);
  }

  private levelChange(side: 0 | 1, px: number, dSize: number, dMakers: number): void {
    const lv = this.levels[side];
    const i = this.levelIndex(side, px);
    const hit = lv[i] && lv[i].px === px ? lv[i] : undefined;
    if (!hit) {
      lv.splice(i, 0, { px, size: dSize, makers: dMakers });
      this.emit(i, 0, side, px, dSize, '', false);
      return;
    }
    hit.size += dSize;
    hit.makers += dMakers;
    if (hit.makers <= 0) {
      lv.splice(i, 1);
      this.emit(i, 2, side, px, 0, '', false);
    } else {
      this.emit(i, 1, side, px, hit.size, '', false);
    }
  }

  insert(side: 0 | 1, position: number, row: MmRow): void {
    this.rows[side].splice(position, 0, row);
    this.emit(position, 0, side, row.px, row.size, row.mm, true);
    this.levelChange(side, row.px, row.size, 1);
  }

  update(side: 0 | 1, position: number, size: number): void {
    const row = this.rows[side][position];
    const d = size - row.size;
    row.size = size;
    this.emit(position, 1, side, row.px, size, row.mm, true);
    if (d !== 0) this.levelChange(side, row.px, d, 0);
  }

  delete(side: 0 | 1, position: number): void {
    const [row] = this.rows[side].splice(position, 1);
    this.emit(position, 2, side, row.px, 0, row.mm, true);
    this.levelChange(side, row.px, -row.size, -1);
  }

  /** Current rows as insert ops, best first, at most `n` per side (the start of a subscription). */
  snapshot(n: number, smart: boolean): { bids: SimDepthOp[]; asks: SimDepthOp[] } {
    const view = (side: 0 | 1): SimDepthOp[] =>
      (smart
        ? this.rows[side].map((r) => ({ px: r.px, size: r.size, mm: r.mm }))
        : this.levels[side].map((l) => ({ px: l.px, size: l.size, mm: '' })))
        .slice(0, Math.max(0, n))
        .map((r, position) => ({ position, operation: 0, side, price: this.price(r.px), size: r.size, marketMaker: r.mm }));
    return { bids: view(1), asks: view(0) };
  }
}
