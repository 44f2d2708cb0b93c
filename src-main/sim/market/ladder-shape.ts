import type { Rng } from './rng';
import type { StockModel } from './universe';

/** Venues that show up as market makers in SMART depth. */
export const SMART_VENUES = ['NSDQ', 'ARCA', 'BATS', 'EDGX', 'IEX', 'NYSE', 'MEMX', 'BYX', 'EDGEA', 'PEARL'] as const;

/** Resting size stops growing with distance this many levels out. */
const GROWTH_LEVELS = 10;
/** Chance that a quote two or more levels out is a wall (×5 on half dollars, ×2 on dimes). */
const WALL_CHANCE = 0.012;

/**
 * What a realistic ladder looks like for one stock: the price step between levels, how many market
 * makers sit at a level, and how big they quote (round lots with some odd lots, bigger away from the
 * inside, now and then a wall). Draws only; the book process decides where.
 */
export class LadderShape {
  /** Ticks between adjacent levels of a dense ladder. */
  readonly step: number;
  private readonly oddLotChance: number;
  private readonly dime: number;

  constructor(
    private readonly m: StockModel,
    private readonly rng: Rng,
  ) {
    const p = m.stock.prevClose;
    // Expensive names quote sparser ladders in ticks; sub-dollar names in sub-penny clusters.
    // Futures books quote every tick whatever the price.
    this.step = m.stock.future ? 1 : p < 1 ? Math.max(1, Math.floor(m.spreadTicks / 3)) : p > 150 ? 3 : p > 40 ? 2 : 1;
    this.oddLotChance = p > 100 ? 0.25 : 0.08;
    this.dime = Math.max(1, Math.round(0.1 / m.stock.minTick));
  }

  /** Ticks to the next level out: mostly one step, sometimes a hole. */
  gap(): number {
    const u = this.rng.next();
    return this.step * (u < 0.82 ? 1 : u < 0.96 ? 2 : 3);
  }

  /** Market makers a level `depth` levels from the inside starts with. */
  makers(depth: number): number {
    return depth === 0 ? this.rng.int(2, 4) : this.rng.int(1, 3);
  }

  /** Most market makers a level tends towards (more crowd at the inside). */
  target(depth: number): number {
    return depth === 0 ? 3 : 2;
  }

  /** A fresh quote's size `depth` levels from the inside at price `px` (ticks). */
  lot(depth: number, px: number): number {
    if (this.rng.chance(this.oddLotChance)) return this.rng.int(1, 99);
    const grow = 1 + 0.3 * Math.min(depth, GROWTH_LEVELS);
    let raw = this.rng.logNormal(this.m.tradeSize * grow, 0.75);
    if (depth >= 2) {
      const round = px % (5 * this.dime) === 0 ? 5 : px % this.dime === 0 ? 2 : 1;
      if (this.rng.chance(WALL_CHANCE * round)) raw *= this.rng.uniform(8, 20);
    }
    return Math.max(100, Math.round(raw / 100) * 100);
  }

  /** A market maker changing its size: lots stay lots, odd lots stay small. */
  resize(size: number): number {
    if (size < 100) return this.rng.chance(0.3) ? 100 : this.rng.int(1, 99);
    return Math.max(100, Math.round((size * this.rng.uniform(0.5, 1.7)) / 100) * 100);
  }

  /** A venue not in `taken` (undefined when a few tries all land on present ones). */
  venue(taken: readonly string[]): string | undefined {
    for (let tries = 0; tries < 4; tries++) {
      const v = this.rng.pick(SMART_VENUES);
      if (!taken.includes(v)) return v;
    }
    return undefined;
  }
}
