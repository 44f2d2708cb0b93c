import type { MatchMethod } from './round-trip';

/** Open shares bought (or sold short) at one price, with their opening commission per share. */
export interface Lot {
  shares: number;
  price: number;
  feePerShare: number;
}

export interface Matched {
  /** Σ matched shares × lot price. */
  cost: number;
  /** Σ matched shares × lot fee per share. */
  fees: number;
}

const EPS = 1e-9;

/** The open lots of one position; `take` removes shares in the method's order. */
export class LotBook {
  private lots: Lot[] = [];

  constructor(private readonly method: MatchMethod) {}

  add(lot: Lot): void {
    if (this.method !== 'average' || this.lots.length === 0) {
      this.lots.push({ ...lot });
      return;
    }
    // Average cost keeps one lot: the share-weighted price and fee.
    const cur = this.lots[0];
    const shares = cur.shares + lot.shares;
    this.lots[0] = {
      shares,
      price: (cur.price * cur.shares + lot.price * lot.shares) / shares,
      feePerShare: (cur.feePerShare * cur.shares + lot.feePerShare * lot.shares) / shares,
    };
  }

  take(shares: number): Matched {
    let left = shares;
    const out: Matched = { cost: 0, fees: 0 };
    while (left > EPS && this.lots.length > 0) {
      const i = this.method === 'lifo' ? this.lots.length - 1 : 0;
      const lot = this.lots[i];
      const n = Math.min(lot.shares, left);
      out.cost += n * lot.price;
      out.fees += n * lot.feePerShare;
      lot.shares -= n;
      left -= n;
      if (lot.shares <= EPS) this.lots.splice(i, 1);
    }
    return out;
  }

  shares(): number {
    return this.lots.reduce((s, l) => s + l.shares, 0);
  }
}
