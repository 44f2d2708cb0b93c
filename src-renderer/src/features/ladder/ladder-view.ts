import { appNow } from '../../lib/app-clock';
import type { DepthFrame } from '../../../../src-shared/contract/features/depth';
import { decimalsFor, insideTick, layoutLadder, scrollCenter } from './ladder-layout';
import { paintLadder, ROW_HEIGHT } from './ladder-painter';

const TRADE_FADE_MS = 3000;

/**
 * Owns the canvas and its animation loop: frames are stored as they arrive and painted at most
 * once per animation frame (latest wins); fading prints keep the loop painting until they fade.
 */
export class LadderView {
  private frame: DepthFrame | null = null;
  private pinned: number | null = null;
  private dirty = true;
  private raf = 0;
  private width = 0;
  private height = 0;

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
    this.dirty = true;
  }

  centre(): void {
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
    paintLadder(ctx, layout, this.width, this.height, decimalsFor(f.minTick));
    this.onStats(f, layout.spreadTicks);
  };
}
