/** Price arithmetic in ticks: decimal prices compared on an integer grid, never with raw float equality. */
import type { Side } from './intent';

/** SEC Rule 612 (Reg NMS): quotes and orders of $1.00 or more in pennies, below $1.00 in $0.0001. */
export function tickFor(price: number, minTick: number): number {
  return price < 1 ? Math.min(minTick, 0.0001) : Math.max(minTick, 0.01);
}

export function onTickGrid(price: number, minTick: number): boolean {
  const tick = tickFor(price, minTick);
  const n = price / tick;
  return Math.abs(n - Math.round(n)) < 1e-6;
}

/** Rounds a price onto its grid, up or down. */
export function roundToTick(price: number, minTick: number, dir: 'up' | 'down'): number {
  const tick = tickFor(price, minTick);
  const n = price / tick;
  const k = dir === 'up' ? Math.ceil(n - 1e-9) : Math.floor(n + 1e-9);
  return Number((k * tick).toFixed(6));
}

/**
 * A market order sent as a marketable limit: through the far touch by `collarPct`, rounded away from the
 * market so it stays marketable. A runaway market fills at worst here instead of anywhere.
 */
export function collarPrice(side: Side, bid: number, ask: number, collarPct: number, minTick: number): number {
  return side === 'BUY'
    ? roundToTick(ask * (1 + collarPct / 100), minTick, 'up')
    : Math.max(roundToTick(bid * (1 - collarPct / 100), minTick, 'down'), tickFor(bid, minTick));
}

/**
 * The limit of a protective stop-limit: `collarPct` beyond the stop, away from the market (a SELL stop's limit
 * below it, a BUY stop's above), on the tick grid. Outside regular hours IB does not trigger plain stops, so a
 * stop there goes out as a stop-limit with outsideRth, and a gap through the stop still fills within the collar.
 */
export function stopLimitPrice(side: Side, stopPrice: number, collarPct: number, minTick: number): number {
  return side === 'SELL'
    ? Math.max(roundToTick(stopPrice * (1 - collarPct / 100), minTick, 'down'), tickFor(stopPrice, minTick))
    : roundToTick(stopPrice * (1 + collarPct / 100), minTick, 'up');
}
