/**
 * Mouse on the heatmap: the wheel zooms time around the cursor (Shift+wheel zooms price instead), a drag
 * pans time and price, a click without a drag seeks there. DOM wiring only; the window math is
 * time-window.ts.
 */
import { panBy, wheelFactor, zoomAt } from './time-window';
import { seekTs, setTimeView, shownWindow, useReplayStore } from './replay-store';

/** Movement (px) under which a press counts as a click. */
const CLICK_SLOP = 4;

export interface PriceControl {
  /** Row height in px (price zoom). */
  zoomPrice(factor: number): void;
  /** Scrolls the price window by a number of rows (positive = higher prices). */
  scrollRows(rows: number): void;
  rowPx(): number;
}

export function attachHeatmapGestures(host: HTMLElement, price: PriceControl): () => void {
  const info = () => useReplayStore.getState().info;
  const tsAt = (clientX: number): number | null => {
    const w = shownWindow();
    if (!w) return null;
    const rect = host.getBoundingClientRect();
    return w.t0 + ((clientX - rect.left) / Math.max(1, rect.width)) * (w.t1 - w.t0);
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const i = info();
    const w = shownWindow();
    const anchor = tsAt(e.clientX);
    if (!i || !w || anchor === null) return;
    if (e.shiftKey) return price.zoomPrice(e.deltaY < 0 ? 1.25 : 0.8);
    setTimeView(zoomAt(w, anchor, wheelFactor(e.deltaY), i.start, i.end));
  };

  let press: { id: number; x: number; y: number; lastX: number; lastY: number; moved: boolean } | null = null;
  const down = (e: PointerEvent) => {
    if (e.button !== 0) return;
    press = { id: e.pointerId, x: e.clientX, y: e.clientY, lastX: e.clientX, lastY: e.clientY, moved: false };
    host.setPointerCapture(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    if (!press || e.pointerId !== press.id) return;
    if (!press.moved && Math.hypot(e.clientX - press.x, e.clientY - press.y) < CLICK_SLOP) return;
    press.moved = true;
    host.style.cursor = 'grabbing';
    const i = info();
    const w = shownWindow();
    if (i && w) setTimeView(panBy(w, (-(e.clientX - press.lastX) / Math.max(1, host.clientWidth)) * (w.t1 - w.t0), i.start, i.end));
    price.scrollRows((e.clientY - press.lastY) / price.rowPx());
    press.lastX = e.clientX;
    press.lastY = e.clientY;
  };
  const up = (e: PointerEvent) => {
    if (!press || e.pointerId !== press.id) return;
    const clicked = !press.moved;
    press = null;
    host.style.cursor = '';
    const ts = tsAt(e.clientX);
    if (clicked && ts !== null) void seekTs(ts);
  };

  const cancel = () => {
    press = null;
    host.style.cursor = '';
  };

  host.addEventListener('wheel', onWheel, { passive: false });
  host.addEventListener('pointerdown', down);
  host.addEventListener('pointermove', move);
  host.addEventListener('pointerup', up);
  host.addEventListener('pointercancel', cancel);
  return () => {
    host.removeEventListener('wheel', onWheel);
    host.removeEventListener('pointerdown', down);
    host.removeEventListener('pointermove', move);
    host.removeEventListener('pointerup', up);
    host.removeEventListener('pointercancel', cancel);
  };
}
