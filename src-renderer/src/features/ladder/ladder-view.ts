import { appNow } from '../../lib/app-clock';
import type { DepthFrame } from '../../../../src-shared/contract/features/depth';
import { decimalsFor, insideTick, layoutLadder, scrollCenter, type LadderLayout } from './ladder-layout';
import { COLS, paintLadder, ROW_HEIGHT, type LadderOverlay } from './ladder-painter';

export type LadderColumnName = 'bidCum' | 'bid' | 'price' | 'ask' | 'askCum';
const COLUMN_NAMES: LadderColumnName[] = ['bidCum', 'bid', 'price', 'ask', 'askCum'];

const TRADE_FADE_MS = 3000;

/**
 * Owns the canvas and its animation loop: frames are stored as they arrive and painted at most
 * once per animation frame (latest wins); fading prints keep the loop painting until they fade.
 */
export class LadderView {
  private frame: DepthFrame | null = null;
  private pinned: number | null = null;
  /** The pin came from the mouse resting over the ladder, not from the wheel: leaving releases it. */
  private heldByHover = false;
  private dirty = true;
  private raf = 0;
  private width = 0;
  private height = 0;
  private overlay: LadderOverlay | undefined;
  private layout: LadderLayout | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onStats: (frame: DepthFrame, spreadTicks: number | null) => void,
  ) {
    this.raf = requestAnimationFrame(this.tick);
  }

  setFrame(frame: DepthFrame | null): void {
    this.frame = frame;
    this.dirty = true;
  }

  resize(width: number, height: number): void {
    const dpr = window.devicePixelRatio || 1;
    this.width = width;
    this.height = height;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.dirty = true;
  }

  /** Wheel steps: positive moves towards higher prices. */
  scroll(steps: number): void {
    if (!this.frame) return;
    this.pinned = scrollCenter(this.pinned, insideTick(this.frame), steps);
    this.heldByHover = false;
    this.dirty = true;
  }

  /** Orders and position drawn over the book (the live ladder only). */
  setOverlay(overlay: LadderOverlay | undefined): void {
    this.overlay = overlay;
    this.dirty = true;
  }

  /** The column and price under a point in CSS pixels of the canvas, from the last painted layout. */
  hit(px: number, py: number): { column: LadderColumnName; price: number } | null {
    const row = this.layout?.rows[Math.floor(py / ROW_HEIGHT)];
    if (!row || this.width === 0) return null;
    const f = px / this.width;
    const i = COLS.findIndex((c, k) => k > 0 && f < c) - 1;
    const column = COLUMN_NAMES[i < 0 ? COLUMN_NAMES.length - 1 : i];
    return { column, price: Number(row.price.toFixed(decimalsFor(this.frame?.minTick ?? 0.01))) };
  }

  /**
   * Holds the rows still while the mouse is over the ladder (click-trading), so a click lands on the price it
   * was aimed at even if the inside moves; leaving re-centres unless the wheel pinned it.
   */
  hold(on: boolean): void {
    if (on && this.pinned === null && this.frame) {
      this.pinned = insideTick(this.frame);
      this.heldByHover = this.pinned !== null;
    } else if (!on && this.heldByHover) {
      this.pinned = null;
      this.heldByHover = false;
    }
    this.dirty = true;
  }

  centre(): void {
    this.heldByHover = false;
    this.pinned = null;
    this.dirty = true;
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
  }

  private readonly tick = (): void => {
    this.raf = requestAnimationFrame(this.tick);
    const f = this.frame;
    const now = appNow();
    const fading = f !== null && f.trades.some((t) => now - t.ts < TRADE_FADE_MS);
    if (!this.dirty && !fading) return;
    this.dirty = false;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!f) {
      ctx.clearRect(0, 0, this.width, this.height);
      return;
    }
    const centre = this.pinned ?? insideTick(f);
    const rows = Math.max(1, Math.floor(this.height / ROW_HEIGHT));
    if (centre === null) {
      ctx.clearRect(0, 0, this.width, this.height);
      this.onStats(f, null);
      return;
    }
    const layout = layoutLadder(f, centre, rows, now, TRADE_FADE_MS);
    this.layout = layout;
    paintLadder(ctx, layout, this.width, this.height, decimalsFor(f.minTick), this.overlay);
    // Geometry for tests and tools: the top row's price and the tick, so a row's y is computable.
    this.canvas.dataset.topPrice = String(layout.rows[0]?.price ?? '');
    this.canvas.dataset.minTick = String(f.minTick);
    this.canvas.dataset.held = String(this.pinned !== null);
    this.canvas.dataset.bestBid = String(f.bids[0]?.[0] ?? '');
    this.canvas.dataset.bestAsk = String(f.asks[0]?.[0] ?? '');
    this.onStats(f, layout.spreadTicks);
  };
}
