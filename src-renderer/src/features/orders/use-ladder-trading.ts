import { useEffect, type RefObject } from 'react';
import type { OrderRow } from '../../../../src-shared/contract/features/trading';
import type { LadderView } from '../ladder/ladder-view';
import { ladderClick, ladderOverlay, markPrice } from './ladder-click';
import { newIntentId } from './order-form';
import { cancelOrder, canEnter, modifyOrder, placeIntent, useTradingStore } from './trading-store';

/**
 * Click-trading on the live ladder: bid column buys a limit at the price, ask column sells, Shift for a stop;
 * press on your order's × (Σ column) and release on the same row to cancel it, on another row to move it.
 * While not armed a click sends nothing and the notice says why.
 */
export function useLadderTrading(viewRef: RefObject<LadderView | null>, canvasRef: RefObject<HTMLCanvasElement | null>, symbol: string | null): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const view = viewRef.current;
    if (!canvas || !view || !symbol) return;
    let drag: { order: OrderRow; from: number } | null = null;
    const paint = (dragPrice: number | null) => {
      const s = useTradingStore.getState();
      view.setOverlay(ladderOverlay(symbol, s.orders, s.positions, dragPrice));
    };
    paint(null);
    const unsub = useTradingStore.subscribe((s, prev) => {
      if (s.orders !== prev.orders || s.positions !== prev.positions) paint(null);
    });
    const at = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return view.hit(e.clientX - r.left, e.clientY - r.top);
    };
    const onDown = (e: MouseEvent) => {
      const h = at(e);
      if (!h || (h.column !== 'bidCum' && h.column !== 'askCum')) return;
      const side = h.column === 'bidCum' ? 'BUY' : 'SELL';
      const order = useTradingStore.getState().orders.find((r) => r.symbol === symbol && r.working && !r.external && r.side === side && markPrice(r) === h.price);
      if (order) drag = { order, from: h.price };
    };
    const onMove = (e: MouseEvent) => {
      if (drag) paint(at(e)?.price ?? null);
    };
    const onUp = (e: MouseEvent) => {
      const h = at(e);
      const d = drag;
      drag = null;
      paint(null);
      if (!h) return;
      if (d && h.price !== d.from) return void modifyOrder(d.order.orderId, d.order.limitPrice !== null ? { limitPrice: h.price } : { stopPrice: h.price });
      const st = useTradingStore.getState();
      const act = ladderClick({ column: h.column, price: h.price, shift: e.shiftKey, symbol, quantity: st.hotkeys.quantity, orders: st.orders, intentId: newIntentId('lc') });
      if (act.kind === 'cancel') return void cancelOrder(act.orderId);
      if (act.kind === 'none') return st.say('info', `ladder: ${act.why}`);
      if (!canEnter(st.status)) return st.say('error', `ladder: nothing sent — ${st.status?.state ?? 'disarmed'}: arm to trade`);
      void placeIntent(act.intent, 'ladder');
    };
    const onEnter = () => view.hold(true);
    const onLeave = () => {
      view.hold(false);
      if (!drag) return;
      drag = null;
      paint(null);
    };
    canvas.addEventListener('mouseenter', onEnter);
    canvas.addEventListener('mouseleave', onLeave);
    canvas.addEventListener('mousedown', onDown);
    canvas.addEventListener('mousemove', onMove);
    canvas.addEventListener('mouseup', onUp);
    return () => {
      unsub();
      canvas.removeEventListener('mouseenter', onEnter);
      canvas.removeEventListener('mouseleave', onLeave);
      canvas.removeEventListener('mousedown', onDown);
      canvas.removeEventListener('mousemove', onMove);
      canvas.removeEventListener('mouseup', onUp);
      view.setOverlay(undefined);
    };
  }, [viewRef, canvasRef, symbol]);
}
