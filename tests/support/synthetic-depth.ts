/**
 * A seeded stream of valid IB depth messages (inserts, updates, deletes by position on a book of up to
 * `maxRows` rows a side, prices kept sorted), for replay tests and benchmarks.
 */
import type { OrderBookDelta } from '../../src-shared/domain/depth';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface SyntheticDepth {
  next(): OrderBookDelta;
}

export function syntheticDepth(seed: number, t0: number, opts: { maxRows?: number; msPerOp?: number; makers?: boolean } = {}): SyntheticDepth {
  const rand = rng(seed);
  const maxRows = opts.maxRows ?? 20;
  const msPerOp = opts.msPerOp ?? 1;
  const sides: [number[], number[]] = [[], []]; // prices per side, best first (asks ascending, bids descending)
  let t = t0;
  return {
    next(): OrderBookDelta {
      if (rand() < msPerOp) t += 1;
      const side = (rand() < 0.5 ? 0 : 1) as 0 | 1;
      const rows = sides[side];
      const r = rand();
      const size = 100 * (1 + Math.floor(rand() * 20));
      const marketMaker = opts.makers ? ['NSDQ', 'ARCA', 'EDGX'][Math.floor(rand() * 3)] : '';
      const base = { tsRecv: t, side, size, marketMaker, isSmart: !!opts.makers };
      if (rows.length === 0 || (r < 0.4 && rows.length < maxRows)) {
        const position = Math.floor(rand() * (rows.length + 1));
        const step = side === 0 ? 0.01 : -0.01;
        const above = rows[position - 1] ?? (side === 0 ? 99.99 : 99.99);
        const price = Math.round((above + step) * 100) / 100;
        rows.splice(position, 0, price);
        for (let i = position + 1; i < rows.length; i++) if ((rows[i] - rows[i - 1]) * step <= 0) rows[i] = Math.round((rows[i - 1] + step) * 100) / 100;
        return { ...base, position, operation: 0, price };
      }
      const position = Math.floor(rand() * rows.length);
      if (r < 0.75) return { ...base, position, operation: 1, price: rows[position] };
      const [price] = rows.splice(position, 1);
      return { ...base, position, operation: 2, price };
    },
  };
}
