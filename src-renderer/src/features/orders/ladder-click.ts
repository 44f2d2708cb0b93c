import type { OrderIntent } from '../../../../src-shared/domain/risk/intent';
import type { OrderRow, PositionRow } from '../../../../src-shared/contract/features/trading';
import type { LadderMark, LadderOverlay } from '../ladder/ladder-overlay';

/** Ladder columns as the painter draws them: Σ bid | bid | price | ask | Σ ask. */
export type LadderColumn = 'bidCum' | 'bid' | 'price' | 'ask' | 'askCum';

export type LadderClick =
  | { kind: 'place'; intent: OrderIntent }
  | { kind: 'cancel'; orderId: number }
  | { kind: 'none'; why: string };

/**
 * What a click at a price does: the bid column buys a limit there, the ask column sells; with Shift a stop
 * instead. A click on a working order's marker (× in the Σ column on its side) cancels it.
 */
export function ladderClick(o: {
  column: LadderColumn;
  price: number;
  shift: boolean;
  symbol: string;
  quantity: number;
  orders: readonly OrderRow[];
  intentId: string;
}): LadderClick {
  if (o.column === 'bidCum' || o.column === 'askCum') {
    const side = o.column === 'bidCum' ? 'BUY' : 'SELL';
    const hit = o.orders.find((r) => r.working && !r.external && r.symbol === o.symbol && r.side === side && samePrice(markPrice(r), o.price));
    return hit ? { kind: 'cancel', orderId: hit.orderId } : { kind: 'none', why: 'no working order of yours at this price' };
  }
  if (o.column === 'price') return { kind: 'none', why: 'click the bid column to buy, the ask column to sell' };
  const side = o.column === 'bid' ? 'BUY' : 'SELL';
  const intent: OrderIntent = o.shift
    ? { intentId: o.intentId, symbol: o.symbol, side, quantity: o.quantity, type: 'STP', stopPrice: o.price, tif: 'DAY' }
    : { intentId: o.intentId, symbol: o.symbol, side, quantity: o.quantity, type: 'LMT', limitPrice: o.price, tif: 'DAY', outsideRth: true };
  return { kind: 'place', intent };
}

/** The price an order sits at on the ladder: its limit, else its stop. */
export const markPrice = (r: Pick<OrderRow, 'limitPrice' | 'stopPrice'>): number | null => r.limitPrice ?? r.stopPrice;
const samePrice = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) < 1e-6;

const TAG: Record<string, string> = { LMT: 'L', STP: 'S', 'STP LMT': 'SL', TRL: 'T', TRAIL: 'T', MKT: 'M' };

/** The symbol's own working orders and position, as the painter draws them. */
export function ladderOverlay(symbol: string, orders: readonly OrderRow[], positions: readonly PositionRow[], dragPrice: number | null): LadderOverlay {
  const marks: LadderMark[] = [];
  for (const r of orders) {
    const price = markPrice(r);
    if (r.symbol !== symbol || !r.working || r.external || price === null) continue;
    marks.push({ price, side: r.side, quantity: r.remaining, tag: TAG[r.type] ?? '?' });
  }
  const p = positions.find((x) => x.symbol === symbol && x.position !== 0);
  return { marks, position: p ? { price: p.avgCost, quantity: p.position } : null, dragPrice };
}
