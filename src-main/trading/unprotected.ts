/** Bracket entries that filled while their protective stop is no longer working (pure, over the order book). */
import type { OrderRow, PositionRow, TradingStatus } from '../../src-shared/contract/features/trading';

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
