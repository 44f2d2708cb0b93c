/** Bracket entries that filled while their protective stop is no longer working (pure, over the order book). */
import type { OrderRow, PositionRow, TradingStatus } from '../../src-shared/contract/features/trading';
import type { MarketPhase } from '../../src-shared/domain/market-time';
import type { OrderIntent } from '../../src-shared/domain/risk/intent';
import { stopLimitPrice } from '../../src-shared/domain/risk/prices';

export function unprotectedEntries(rows: readonly OrderRow[], positions: readonly PositionRow[]): TradingStatus['unprotected'] {
  const out: TradingStatus['unprotected'] = [];
  const byRef = new Map<string, OrderRow[]>();
  for (const r of rows) if (r.orderRef && !r.external) byRef.set(r.orderRef, [...(byRef.get(r.orderRef) ?? []), r]);
  for (const [ref, group] of byRef) {
    const entry = group.find((r) => r.role === 'entry');
    const stop = group.find((r) => r.role === 'stop');
    const target = group.find((r) => r.role === 'target');
    if (!entry || !stop || entry.filled <= 0 || stop.working || stop.status === 'Filled' || stop.stopPrice === null) continue;
    const open = entry.filled - (target?.filled ?? 0);
    const pos = positions.filter((p) => p.symbol === entry.symbol).reduce((n, p) => n + p.position, 0);
    const sign = entry.side === 'BUY' ? 1 : -1;
    // Something else (a re-attached stop, a manual exit) may already cover it: only the part still held counts.
    const reattached = rows.filter((r) => r.orderRef?.startsWith(`${ref}~stop`) && r.working).reduce((n, r) => n + r.remaining, 0);
    const qty = Math.min(open, Math.max(0, sign * pos)) - reattached;
    if (qty > 0) out.push({ intentId: ref, symbol: entry.symbol, side: entry.side === 'BUY' ? 'SELL' : 'BUY', quantity: qty, stopPrice: stop.stopPrice });
  }
  return out;
}

/**
 * The protective stop to re-attach. In regular hours a plain stop (GTC). Outside them IB does not trigger plain
 * stops, and Tapedeck's own rule allows only limit types with outsideRth: a stop-limit with outsideRth, its limit
 * `collarPct` beyond the stop (away from the market), so a gap through the stop still fills within the collar.
 */
export function reattachIntent(
  u: TradingStatus['unprotected'][number], intentId: string, phase: MarketPhase, collarPct: number, minTick: number,
): OrderIntent {
  const base = { intentId, symbol: u.symbol, side: u.side, quantity: u.quantity, stopPrice: u.stopPrice } as const;
  if (phase === 'regular') return { ...base, type: 'STP', tif: 'GTC' };
  return { ...base, type: 'STP LMT', limitPrice: stopLimitPrice(u.side, u.stopPrice, collarPct, minTick), tif: 'GTC', outsideRth: true };
}
