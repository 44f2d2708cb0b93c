import type { DepthFrame } from '../../../../src-shared/contract/features/depth';

/** One drawn row of the price ladder. */
export interface LadderRow {
  tick: number;
  price: number;
  bid: number;
  ask: number;
  /** Sum of bid sizes at this price and better (higher). */
  bidCum: number;
  /** Sum of ask sizes at this price and better (lower). */
  askCum: number;
  /** Strictly between best bid and best ask. */
  inSpread: boolean;
  isBestBid: boolean;
  isBestAsk: boolean;
  isLast: boolean;
  /** Size printed here within the fade window, and how faded (0 fresh → 1 gone). */
  tradeSize: number;
  tradeFade: number;
}

export interface LadderLayout {
  rows: LadderRow[];
  /** Largest single-level size in view, for scaling size bars. */
  maxSize: number;
  maxCum: number;
  /** Spread in ticks, null without both sides. */
  spreadTicks: number | null;
}

export type LadderInput = Pick<DepthFrame, 'bids' | 'asks' | 'trades' | 'last' | 'minTick'>;

export const toTick = (price: number, minTick: number): number => Math.round(price / minTick);

/** Decimals that show a price at this tick size: 0.01 → 2, 0.0001 → 4, 0.05 → 2. */
export function decimalsFor(minTick: number): number {
  if (!(minTick > 0)) return 2;
  const s = minTick.toFixed(10).replace(/0+$/, '');
  const dot = s.indexOf('.');
  return Math.max(2, dot < 0 ? 0 : s.length - dot - 1);
}

/** The tick the ladder centres on: the mid of the inside, else the last print, else null. */
export function insideTick(frame: LadderInput): number | null {
  const bid = frame.bids[0];
  const ask = frame.asks[0];
  if (bid && ask) return Math.round((toTick(bid[0], frame.minTick) + toTick(ask[0], frame.minTick)) / 2);
  if (bid) return toTick(bid[0], frame.minTick);
  if (ask) return toTick(ask[0], frame.minTick);
  if (frame.last !== null) return toTick(frame.last, frame.minTick);
  return null;
}

/**
 * Lays out `rowCount` rows centred on `centerTick` (top row = highest price). Pure: the canvas
 * painter only draws what this returns.
 */
export function layoutLadder(
  frame: LadderInput,
  centerTick: number,
  rowCount: number,
  now: number,
  tradeFadeMs = 3000,
): LadderLayout {
  const tick = frame.minTick;
  const bidAt = new Map<number, number>();
  const askAt = new Map<number, number>();
  for (const [p, s] of frame.bids) bidAt.set(toTick(p, tick), (bidAt.get(toTick(p, tick)) ?? 0) + s);
  for (const [p, s] of frame.asks) askAt.set(toTick(p, tick), (askAt.get(toTick(p, tick)) ?? 0) + s);
  const bestBid = frame.bids.length ? toTick(frame.bids[0][0], tick) : null;
  const bestAsk = frame.asks.length ? toTick(frame.asks[0][0], tick) : null;
  const lastTick = frame.last !== null ? toTick(frame.last, tick) : null;

  // Cumulative sizes from the inside outwards.
  const bidCum = cumulative([...bidAt.entries()].sort((a, b) => b[0] - a[0]));
  const askCum = cumulative([...askAt.entries()].sort((a, b) => a[0] - b[0]));

  const prints = new Map<number, { size: number; ts: number }>();
  for (const t of frame.trades) {
    if (now - t.ts > tradeFadeMs) continue;
    const k = toTick(t.price, tick);
    const p = prints.get(k);
    prints.set(k, { size: (p?.size ?? 0) + t.size, ts: Math.max(p?.ts ?? 0, t.ts) });
  }

  const top = centerTick + Math.floor(rowCount / 2);
  const rows: LadderRow[] = [];
  let maxSize = 0;
  let maxCum = 0;
  for (let i = 0; i < rowCount; i++) {
    const k = top - i;
    const bid = bidAt.get(k) ?? 0;
    const ask = askAt.get(k) ?? 0;
    const bc = bestBid !== null && k <= bestBid ? lookupCum(bidCum, k, 'bid') : 0;
    const ac = bestAsk !== null && k >= bestAsk ? lookupCum(askCum, k, 'ask') : 0;
    const print = prints.get(k);
    maxSize = Math.max(maxSize, bid, ask);
    maxCum = Math.max(maxCum, bc, ac);
    rows.push({
      tick: k,
      price: k * tick,
      bid,
      ask,
      bidCum: bc,
      askCum: ac,
      inSpread: bestBid !== null && bestAsk !== null && k > bestBid && k < bestAsk,
      isBestBid: k === bestBid,
      isBestAsk: k === bestAsk,
      isLast: k === lastTick,
      tradeSize: print?.size ?? 0,
      tradeFade: print ? Math.min(1, Math.max(0, (now - print.ts) / tradeFadeMs)) : 1,
    });
  }
  return {
    rows,
    maxSize,
    maxCum,
    spreadTicks: bestBid !== null && bestAsk !== null ? bestAsk - bestBid : null,
  };
}

/** [tick, size] sorted from the inside outwards → [tick, running total] in the same order. */
function cumulative(levels: [number, number][]): [number, number][] {
  let sum = 0;
  return levels.map(([k, s]) => [k, (sum += s)]);
}

/**
 * Running total at tick k: the total of the last level at or inside k. Between levels the total
 * stays the same, so the cumulative column reads as a staircase; past the deepest level it is 0.
 */
function lookupCum(cum: [number, number][], k: number, side: 'bid' | 'ask'): number {
  const deepest = cum[cum.length - 1];
  // Beyond the deepest known level the book says nothing: show no total there.
  if (!deepest || (side === 'bid' ? k < deepest[0] : k > deepest[0])) return 0;
  let out = 0;
  for (const [tk, total] of cum) {
    if (side === 'bid' ? tk >= k : tk <= k) out = total;
    else break;
  }
  return out;
}

/** New pinned centre after a wheel: positive steps scroll towards higher prices. */
export function scrollCenter(pinned: number | null, inside: number | null, steps: number): number | null {
  const base = pinned ?? inside;
  return base === null ? null : base + steps;
}
