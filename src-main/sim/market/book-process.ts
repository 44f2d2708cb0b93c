import { BookSides, type OpSink } from './book-sides';
import { LadderShape } from './ladder-shape';
import type { Rng } from './rng';
import type { TickTrade } from './minute-trades';
import type { StockModel } from './universe';

export { SMART_VENUES } from './ladder-shape';

/** Levels per side a fresh book starts with. */
const SEED_LEVELS = 17;
/** Fewest price levels per side before the process refills from the back. */
const MIN_LEVELS = 14;
/** Most price levels per side; deeper ones fall off. */
const MAX_LEVELS = 20;
/** Most SMART rows per side (one per market maker and price). */
const MAX_ROWS = 90;
/** Market makers act within this many steps of the inside... */
const ACTIVE_STEPS = 18;
/** ...mostly close to it (mean distance in steps). */
const MEAN_STEPS = 3;
/** A sweep leaving the other side further than this many spreads away draws quotes back in. */
const BACKFILL_SPREADS = 2;

/**
 * The limit-order book of one active symbol. Trades come from the tape and print at the inside
 * (the book is moved to meet them first); between trades, market makers add, cancel and resize
 * quotes, mostly near the inside, each level drifting towards a few makers, and the ladder is kept
 * 14-20 levels deep. Every change leaves through `BookSides` as IB depth ops.
 */
export class BookProcess {
  readonly sides: BookSides;
  private readonly shape: LadderShape;

  constructor(
    private readonly m: StockModel,
    private readonly rng: Rng,
    sink: OpSink,
    price: (ticks: number) => number,
  ) {
    this.sides = new BookSides(price, sink);
    this.shape = new LadderShape(m, rng);
  }

  private get spread(): number {
    return Math.max(1, this.m.spreadTicks);
  }

  /** Builds a fresh book around `lastTicks` (no listener exists yet, so the ops go nowhere useful). */
  seed(lastTicks: number): void {
    const bid = Math.max(1, lastTicks - Math.floor(this.spread / 2));
    this.extend(1, bid, SEED_LEVELS);
    this.extend(0, bid + this.spread, SEED_LEVELS);
  }

  /** Appends `levels` levels behind the deepest one of a side (from `from` on an empty side). */
  private extend(side: 0 | 1, from: number, levels: number): void {
    const rows = this.sides.rows[side];
    const away = side === 1 ? -1 : 1;
    let px = rows.length ? rows[rows.length - 1].px + away * this.shape.gap() : from;
    for (let n = 0; n < levels && px >= 1 && rows.length < MAX_ROWS; n++) {
      this.addLevel(side, px, rows.length, this.sides.levelCount(side));
      px += away * this.shape.gap();
    }
  }

  /** A new level of a few market makers at `px`, inserted from row `at`. */
  private addLevel(side: 0 | 1, px: number, at: number, depth: number): void {
    const taken: string[] = [];
    for (let k = this.shape.makers(depth); k > 0; k--) {
      const mm = this.shape.venue(taken);
      if (!mm) break;
      taken.push(mm);
      this.sides.insert(side, at++, { px, size: this.shape.lot(depth, px), mm });
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
    if (atPrice === 0) this.sides.insert(hit, 0, { px: P, size: t.size + this.shape.lot(0, P), mm: this.shape.venue([])! });
    else if (atPrice < t.size) this.sides.update(hit, 0, rowsHit[0].size + t.size - atPrice + this.shape.lot(0, P));
    this.backfill(other, buy ? P - this.spread : P + this.spread);
    report(t);
    let left = t.size;
    while (left > 0 && rowsHit.length && rowsHit[0].px === P) {
      const take = Math.min(left, rowsHit[0].size);
      if (take === rowsHit[0].size) this.sides.delete(hit, 0);
      else this.sides.update(hit, 0, rowsHit[0].size - take);
      left -= take;
    }
    this.maintain(0);
    this.maintain(1);
  }

  /** After a sweep, market makers follow the price: a few levels from `near` back towards the old inside. */
  private backfill(side: 0 | 1, near: number): void {
    const best = this.sides.best(side)?.px;
    const away = side === 1 ? -1 : 1;
    if (near < 1 || (best !== undefined && Math.abs(best - near) <= this.spread * BACKFILL_SPREADS)) return;
    let px = near;
    for (let n = 0; n < 3 && px >= 1 && (best === undefined || (side === 1 ? px > best : px < best)); n++) {
      this.addLevel(side, px, this.sides.slot(side, px), n);
      px += away * this.shape.gap();
    }
  }

  /** Keeps a side 14-20 levels deep and within its row budget. */
  private maintain(side: 0 | 1): void {
    const rows = this.sides.rows[side];
    if (this.sides.levelCount(side) < MIN_LEVELS) {
      const opp = this.sides.best(side === 0 ? 1 : 0)?.px ?? 1;
      this.extend(side, side === 0 ? opp + this.spread : Math.max(1, opp - this.spread), MIN_LEVELS - this.sides.levelCount(side));
    }
    while (rows.length && (this.sides.levelCount(side) > MAX_LEVELS || rows.length > MAX_ROWS)) this.sides.delete(side, rows.length - 1);
  }

  /** One market-maker action near the inside: join or leave a level, or change size. */
  noise(): void {
    const side: 0 | 1 = this.rng.chance(0.5) ? 0 : 1;
    const best = this.sides.best(side)?.px;
    if (best === undefined) return this.maintain(side);
    const steps = Math.min(ACTIVE_STEPS - 1, Math.floor(this.rng.exp(MEAN_STEPS)));
    const toward = side === 1 ? 1 : -1;
    let px = best - toward * steps * this.shape.step;
    const opp = this.sides.best(side === 0 ? 1 : 0)?.px;
    // A wide inside gets improved now and then.
    if (steps === 0 && opp !== undefined && Math.abs(opp - best) > this.spread && this.rng.chance(0.4)) px = best + toward;
    if (px < 1 || (opp !== undefined && (side === 1 ? px >= opp : px <= opp))) return;
    this.act(side, px, steps);
    this.maintain(side);
  }

  /** Makers join a thin level, leave a crowded one, and otherwise change their size. */
  private act(side: 0 | 1, px: number, depth: number): void {
    const { start, count } = this.sides.rowsAt(side, px);
    const target = this.shape.target(depth);
    const u = this.rng.next();
    const pAdd = count === 0 ? 1 : count < target ? 0.55 : count === target ? 0.35 : 0.15;
    const pCancel = count < target ? 0.2 : count === target ? 0.35 : 0.6;
    const rows = this.sides.rows[side];
    if (u < pAdd) {
      const taken = rows.slice(start, start + count).map((r) => r.mm);
      const mm = this.shape.venue(taken);
      if (mm) return this.sides.insert(side, start + count, { px, size: this.shape.lot(depth, px), mm });
    }
    if (count === 0) return;
    const i = start + this.rng.int(0, count - 1);
    // A crowded level whose join found no free venue resizes instead.
    if (u >= pAdd && u < pAdd + pCancel) this.sides.delete(side, i);
    else this.sides.update(side, i, this.shape.resize(rows[i].size));
  }
}
