/**
 * A canvas that repaints at most once per animation frame when the replay's frame or cache changes, and
 * stamps the playhead it painted on its root (`data-playhead-seq`, `data-playhead-ts`) for tests and tools.
 */
import { useReplayStore } from './replay-store';

export type Paint = (ctx: CanvasRenderingContext2D, width: number, height: number) => void;

export class CanvasView {
  private dirty = true;
  private raf = 0;
  private width = 0;
  private height = 0;
  private readonly ro: ResizeObserver;
  private readonly off: () => void;

  constructor(
    private readonly root: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly paint: Paint,
  ) {
    this.off = useReplayStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame || s.cache !== prev.cache || s.trades !== prev.trades || s.fills !== prev.fills || s.tape !== prev.tape || s.timeView !== prev.timeView || s.group !== prev.group) {
        this.dirty = true;
      }
    });
    this.ro = new ResizeObserver(() => this.resize(root.clientWidth, root.clientHeight));
    this.ro.observe(root);
    this.raf = requestAnimationFrame(this.tick);
  }

  invalidate(): void {
    this.dirty = true;
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.ro.disconnect();
    this.off();
  }

  private resize(width: number, height: number): void {
    const dpr = window.devicePixelRatio || 1;
    this.width = width;
    this.height = height;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.dirty = true;
  }

  private readonly tick = (): void => {
    this.raf = requestAnimationFrame(this.tick);
    if (!this.dirty || this.width === 0) return;
    this.dirty = false;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.paint(ctx, this.width, this.height);
    const f = useReplayStore.getState().frame;
    this.root.dataset.playheadSeq = f ? String(f.seq) : '';
    this.root.dataset.playheadTs = f ? String(f.ts) : '';
  };
}
