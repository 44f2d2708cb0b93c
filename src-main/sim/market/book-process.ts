import { BookSides, type OpSink } from './book-sides';
import type { Rng } from './rng';
import type { TickTrade } from './minute-trades';
import type { StockModel } from './universe';

/** Venues that show up as market makers in SMART depth. */
export const SMART_VENUES = ['NSDQ', 'ARCA', 'BATS', 'EDGX', 'IEX', 'NYSE', 'MEMX', 'BYX', 'EDGEA', 'PEARL'] as const;

/** Rows per side kept in the SMART book; deeper rows fall off. */
const MAX_ROWS = 40;
/** Fewest rows per side before the process refills from the back. */
const MIN_ROWS = 14;

/**
 * The limit-order book of one active symbol. Trades come from the tape and print at the inside
 * (the book is moved to meet them first); between trades, market makers add, cancel and resize
 * quotes. Every change leaves through `BookSides` as IB depth ops.
 */
export class BookProcess {
  readonly sides: BookSides;
  private readonly step: number;

  constructor(
    private readonly m: StockModel,
    private readonly rng: Rng,
    sink: OpSink,
    price: (ticks: number) => number,
  ) {
    this.sides = new BookSides(price, sink);
    // Expensive names quote sparser ladders in ticks.
    this.step = m.stock.prevClose > 150 ? 3 : m.stock.prevClose > 40 ? 2 : 1;
  }

  private lot(): number {
    const base = this.m.tradeSize * 1.5;
    const raw = this.rng.logNormal(base, 0.8);
    return raw >= 100 ? Math.round(raw / 100) * 100 : Math.max(1, Math.round(raw));
  }

  private venue(): string {
    return this.rng.pick(SMART_VENUES);
  }

  /** Builds a fresh book around `lastTicks` (no listener exists yet, so the ops go nowhere useful). */
  seed(lastTicks: number): void {
    const spread = Math.max(1, this.m.spreadTicks);
    const bid = Math.max(1, lastTicks - Math.floor(spread / 2));
    this.fillSide(1, bid, 12);
    this.fillSide(0, bid + spread, 12);
  }

  /** Appends levels behind the last row of a side (or from `from` on an empty side). */
  private fillSide(side: 0 | 1, from: number, levels: number): void {
    const rows = this.sides.rows[side];
    let px = rows.length ? rows[rows.length - 1].px + (side === 1 ? -1 : 1) * this.rng.int(1, this.step) : from;
    for (let n = 0; n < levels && px >= 1; n++) {
      const makers = this.rng.int(1, 3);
      for (let k = 0; k < makers && rows.length < MAX_ROWS; k++) this.sides.insert(side, rows.length, { px, size: this.lot(), mm: this.venue() });
      px += (side === 1 ? -1 : 1) * this.rng.int(1, this.step + (this.rng.chance(0.25) ? 1 : 0));
    }
  }

  /** Moves the book so the print happens at the inside, reports it, then takes its size out. */
  trade(t: TickTrade, report: (t: TickTrade) => void): void {
    const P = t.ticks;
    const ask = this.sides.best(0)?.px ?? Infinity;
    const bid = this.sides.best(1)?.px ?? -Infinity;
    const buy = P >= ask ? true : P <= bid ? false : P >= (ask + bid) / 2 || this.rng.chance(0.5);
    const hit: 0 | 1 = buy ? 0 : 1;
    const other: 0 | 1 = buy ? 1 : 0;
    const rowsHit = this.sides.rows[hit];
    while (rowsHit.length && (buy ? rowsHit[0].px < P : rowsHit[0].px > P)) this.sides.delete(hit, 0);
    const rowsOther = this.sides.rows[other];
    while (rowsOther.length && (buy ? rowsOther[0].px >= P : rowsOther[0].px <= P)) this.sides.delete(other, 0);
    let atPrice = 0;
    for (const r of rowsHit) if (r.px === P) atPrice += r.size; else break;
    if (atPrice === 0) this.sides.insert(hit, 0, { px: P, size: t.size + this.lot(), mm: this.venue() });
    else if (atPrice < t.size) this.sides.update(hit, 0, rowsHit[0].size + t.size - atPrice + this.lot());
    const spread = Math.max(1, this.m.spreadTicks);
    const far = rowsOther.length ? Math.abs(P - rowsOther[0].px) : Infinity;
    if (far > spread * 3) {
      const px = buy ? P - spread : P + spread;
      if (px >= 1) this.sides.insert(other, 0, { px, size: this.lot(), mm: this.venue() });
    }
    report(t);
    let left = t.size;
    while (left > 0 && rowsHit.length && rowsHit[0].px === P) {
      const take = Math.min(left, rowsHit[0].size);
      if (take === rowsHit[0].size) this.sides.delete(hit, 0);
      else this.sides.update(hit, 0, rowsHit[0].size - take);
      left -= take;
    }
    this.refill();
  }

  private refill(): void {
    for (const side of [0, 1] as const) {
      const rows = this.sides.rows[side];
      if (rows.length < MIN_ROWS) {
        const other = this.sides.best(side === 0 ? 1 : 0)?.px ?? 1;
        this.fillSide(side, side === 0 ? other + 1 : Math.max(1, other - 1), 4);
      }
      while (rows.length > MAX_ROWS) this.sides.delete(side, rows.length - 1);
    }
  }

  /** One market-maker action: add, cancel or resize a quote. */
  noise(): void {
    const side: 0 | 1 = this.rng.chance(0.5) ? 0 : 1;
    const rows = this.sides.rows[side];
    const u = this.rng.next();
    if (u < 0.45 || rows.length === 0) this.add(side);
    else if (u < 0.8 && rows.length > MIN_ROWS) this.sides.delete(side, this.rng.int(0, rows.length - 1));
    else {
      const i = this.rng.int(0, rows.length - 1);
      const size = Math.max(1, Math.round(rows[i].size * this.rng.uniform(0.4, 1.6) / (rows[i].size >= 100 ? 100 : 1)) * (rows[i].size >= 100 ? 100 : 1));
      this.sides.update(side, i, size);
    }
    this.refill();
  }

  private add(side: 0 | 1): void {
    const best = this.sides.best(side)?.px;
    const opp = this.sides.best(side === 0 ? 1 : 0)?.px;
    if (best === undefined) return this.fillSide(side, opp === undefined ? 1 : side === 0 ? opp + 1 : Math.max(1, opp - 1), 4);
    const dir = side === 1 ? -1 : 1;
    let px = best + dir * Math.min(20, Math.floor(this.rng.exp(3))) * this.step;
    // Improve the inside now and then when the spread leaves room.
    if (opp !== undefined && Math.abs(opp - best) > 1 && this.rng.chance(0.12)) px = best - dir;
    if (px < 1 || (opp !== undefined && (side === 1 ? px >= opp : px <= opp))) return;
    const mm = this.venue();
    const rows = this.sides.rows[side];
    const same = rows.findIndex((r) => r.px === px && r.mm === mm);
    if (same >= 0) this.sides.update(side, same, rows[same].size + this.lot());
    else {
      const at = this.sides.slot(side, px);
      if (at < MAX_ROWS) this.sides.insert(side, at, { px, size: this.lot(), mm });
    }
  }
}
