/** What an intent would do to positions and exposure, counting working orders (ours and external). */
import type { RiskContext, RiskWorkingOrder } from './context';
import type { OrderIntent, Side } from './intent';

export function positionOf(ctx: RiskContext, symbol: string): number {
  return ctx.positions.find((p) => p.symbol === symbol)?.position ?? 0;
}

/** Unfilled shares of working orders that could open or add (bracket exits excluded). */
export function workingShares(ctx: RiskContext, symbol: string, side: Side): number {
  let n = 0;
  for (const w of ctx.working) if (w.symbol === symbol && w.side === side && !w.exit) n += w.remaining;
  return n;
}

/**
 * True when the order can only shrink the position, even if every working order on the same side fills
 * first. A bracket always opens (its children are the exits).
 */
export function isReducing(intent: OrderIntent, ctx: RiskContext): boolean {
  if (intent.bracket) return false;
  const p = positionOf(ctx, intent.symbol);
  const sameSide = workingShares(ctx, intent.symbol, intent.side);
  if (intent.side === 'SELL') return p > 0 && intent.quantity + sameSide <= p;
  return p < 0 && intent.quantity + sameSide <= -p;
}

/** Shares of this SELL not covered by the long position left after working sells: a short sale. */
export function shortShares(intent: OrderIntent, ctx: RiskContext): number {
  if (intent.side !== 'SELL') return 0;
  const p = positionOf(ctx, intent.symbol);
  const covered = Math.max(0, p - workingShares(ctx, intent.symbol, 'SELL'));
  return Math.max(0, intent.quantity - covered);
}

function workingValue(ctx: RiskContext, w: RiskWorkingOrder): number {
  const px = w.price ?? ctx.positions.find((p) => p.symbol === w.symbol)?.price ?? 0;
  return w.remaining * px;
}

/** Σ|position × price| + Σ working (non-exit) notional, before the new order. */
export function grossExposure(ctx: RiskContext): number {
  let g = 0;
  for (const p of ctx.positions) g += Math.abs(p.position * p.price);
  for (const w of ctx.working) if (!w.exit) g += workingValue(ctx, w);
  return g;
}

/** Orders an intent becomes on the wire: a bracket is parent + stop + target. */
export function messageCount(intent: OrderIntent): number {
  return intent.bracket ? 3 : 1;
}

/** Working orders per side that this intent adds: a bracket's children sit on the opposite side. */
export function addedPerSide(intent: OrderIntent): Record<Side, number> {
  const other: Side = intent.side === 'BUY' ? 'SELL' : 'BUY';
  const added: Record<Side, number> = { BUY: 0, SELL: 0 };
  added[intent.side] = 1;
  if (intent.bracket) added[other] = 2;
  return added;
}
