/**
 * A canvas that repaints at most once per animation frame when the replay's frame or cache changes, and
 * stamps the playhead it painted on its root (`data-playhead-seq`, `data-playhead-ts`) for tests and tools.
 *
 * At 100× every frame moves the playhead, but most views' pictures do not change with it: only the playhead
 * line and the dimmed future do. Rasterizing a whole canvas again costs the page's main thread far more than
 * moving two DOM elements (a software-rendered page rasterizes each changed canvas on it), so a view says
 * what its picture depends on (`same(deps)`), skips the paint when that is unchanged, and moves its playhead
 * marks (playhead-marks.ts) in `after`, which runs every frame.
 */
import { useReplayStore } from './replay-store';
import { PaintedDeps } from './view-deps';

export interface PaintFrame {
  /**
   * True when `deps` equal (item by item, Object.is) those of the last call and nothing else asked for a
   * repaint since (a resize or invalidate()): the canvas already shows this picture, so the paint can stop.
   */
  same(deps: readonly unknown[]): boolean;
  /** The 2D context of an extra layer (index into the constructor's `layers`), transformed like the main one. */
  layer(i: number): CanvasRenderingContext2D | null;
}

export type Paint = (ctx: CanvasRenderingContext2D, width: number, height: number, f: PaintFrame) => void;

export interface ViewOptions {
  /** More canvases sized with the main one (e.g. axes over the playhead marks). */
  layers?: HTMLCanvasElement[];
  /** Runs on every frame the store changed, after any paint: what moves with the playhead, cheaply. */
  after?: (width: number, height: number) => void;
}

export class CanvasView {
  private dirty = true;
  private raf = 0;
  private width = 0;
  private height = 0;
  private readonly painted = new PaintedDeps();
  private readonly ro: ResizeObserver;
  private readonly off: () => void;
  private readonly layers: HTMLCanvasElement[];
  private readonly frame: PaintFrame;

  constructor(
    private readonly root: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly paint: Paint,
    private readonly opts: ViewOptions = {},
  ) {
    this.layers = opts.layers ?? [];
    this.frame = {
      same: (deps) => this.painted.same(deps),
      layer: (i) => this.context(this.layers[i]),
    };
    this.off = useReplayStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame || s.cache !== prev.cache || s.trades !== prev.trades || s.fills !== prev.fills || s.tape !== prev.tape || s.timeView !== prev.timeView || s.group !== prev.group) {
        this.dirty = true;
      }
    });
    this.ro = new ResizeObserver(() => this.resize(root.clientWidth, root.clientHeight));
    this.ro.observe(root);
    this.raf = requestAnimationFrame(this.tick);
  }

  /** Repaints on the next frame, whatever the deps say (options, hover, the price window changed). */
  invalidate(): void {
    this.dirty = true;
    this.painted.forget();
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
    for (const c of [this.canvas, ...this.layers]) {
      c.width = Math.max(1, Math.round(width * dpr));
      c.height = Math.max(1, Math.round(height * dpr));
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
    }
    this.invalidate();
  }

  private context(c: HTMLCanvasElement | undefined): CanvasRenderingContext2D | null {
    const ctx = c?.getContext('2d') ?? null;
    const dpr = window.devicePixelRatio || 1;
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  private readonly tick = (): void => {
    this.raf = requestAnimationFrame(this.tick);
    if (!this.dirty || this.width === 0) return;
    this.dirty = false;
    const ctx = this.context(this.canvas);
    if (!ctx) return;
    this.paint(ctx, this.width, this.height, this.frame);
    this.opts.after?.(this.width, this.height);
    const f = useReplayStore.getState().frame;
    this.root.dataset.playheadSeq = f ? String(f.seq) : '';
    this.root.dataset.playheadTs = f ? String(f.ts) : '';
  };
}
