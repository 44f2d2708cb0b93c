/** A journal trip's fills over a replay: what the heatmap marks and the position the ladder shows. Pure. */

export interface TripFill {
  ts: number;
  side: 'BUY' | 'SELL';
  shares: number;
  price: number;
}

/**
 * The trip's position at `ts` from its fills up to then: signed shares and the average price of the open
 * shares (average cost; a reduce keeps the average, a fill through zero starts a new one). Null when flat.
 */
export function positionAt(fills: readonly TripFill[], ts: number): { price: number; quantity: number } | null {
  let qty = 0;
  let avg = 0;
  for (const f of [...fills].sort((a, b) => a.ts - b.ts)) {
    if (f.ts > ts) break;
    const signed = f.side === 'BUY' ? f.shares : -f.shares;
    if (qty === 0 || Math.sign(signed) === Math.sign(qty)) {
      avg = (avg * Math.abs(qty) + f.price * Math.abs(signed)) / (Math.abs(qty) + Math.abs(signed));
      qty += signed;
    } else if (Math.abs(signed) <= Math.abs(qty)) {
      qty += signed;
      if (qty === 0) avg = 0;
    } else {
      qty += signed;
      avg = f.price;
    }
  }
  return qty === 0 ? null : { price: avg, quantity: qty };
}
