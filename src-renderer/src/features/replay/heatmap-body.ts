/**
 * Which path draws the heatmap body, and drawing it: WebGL2 on a canvas under the 2D overlay canvas when the
 * page gives a WebGL2 context, the cache fits a texture and the context has not been lost; otherwise the
 * canvas-2D raster into the overlay canvas itself (a canvas that once gave a webgl2 context can never give a
 * 2d one, hence two canvases). The choice is exposed as `data-renderer` so e2e and users can tell.
 * `localStorage['tapedeck.heatmap.renderer'] = 'canvas2d'` forces the 2D path.
 */
import type { ColumnCache } from './heatmap-columns';
import type { HeatViewport } from './heatmap-layout';
import type { HeatScale } from './heat-scale';

/** The parts of the DOM used here, structurally (so node tests and the node typecheck need no DOM lib). */
interface CanvasLike {
  style: { display: string };
}
interface Ctx2dLike {
  clearRect(x: number, y: number, w: number, h: number): void;
}

export type HeatRenderer = 'webgl2' | 'canvas2d';

/** What the body drawer needs of the GL renderer (HeatmapGl), so tests can stand in for it. */
export interface GlBody {
  readonly lost: boolean;
  fits(cache: ColumnCache): boolean;
  draw(cache: ColumnCache, v: HeatViewport, scale: HeatScale, width: number, height: number, dpr: number): boolean;
  dispose(): void;
}

export interface RendererState {
  forced: string | null;
  /** A GL renderer was created (WebGL2 available, shader compiled). */
  gl: boolean;
  lost: boolean;
  /** The cache fits the GL path's texture (null: no cache yet). */
  fits: boolean | null;
}

/** The path to draw with, and why (shown in the canvas's title for a user asking why it is slow). */
export function chooseRenderer(s: RendererState): { renderer: HeatRenderer; reason: string } {
  if (s.forced === 'canvas2d') return { renderer: 'canvas2d', reason: 'forced by the tapedeck.heatmap.renderer setting' };
  if (!s.gl) return { renderer: 'canvas2d', reason: 'no WebGL2 in this page' };
  if (s.lost) return { renderer: 'canvas2d', reason: 'the WebGL context was lost' };
  if (s.fits === false) return { renderer: 'canvas2d', reason: 'the cache has more columns than a texture holds' };
  return { renderer: 'webgl2', reason: 'WebGL2' };
}

export function forcedRenderer(): string | null {
  try {
    return (globalThis as { localStorage?: { getItem(k: string): string | null } }).localStorage?.getItem('tapedeck.heatmap.renderer') ?? null;
  } catch {
    return null;
  }
}

export class HeatBody<Canvas extends CanvasLike, Ctx extends Ctx2dLike> {
  renderer: HeatRenderer = 'canvas2d';
  reason = '';
  private readonly gl: GlBody | null;
  /** A GL draw failed (context lost before its event arrived): 2D from then on. */
  private failed = false;

  constructor(
    private readonly glCanvas: Canvas,
    create: (canvas: Canvas) => GlBody | null,
    /** The canvas-2D body (heatmap-painter.ts paintHeatBody2d). */
    private readonly paint2d: (ctx: Ctx, cache: ColumnCache, v: HeatViewport, scale: HeatScale) => void,
    private readonly forced: string | null = forcedRenderer(),
  ) {
    this.gl = forced === 'canvas2d' ? null : create(glCanvas);
    this.pick(null);
  }

  /**
   * Draws the body for the view: on the GL canvas (the 2D context is then cleared for the overlays) or
   * into `ctx`. A failed GL draw (context lost mid-frame) falls back within the same frame.
   */
  draw(ctx: Ctx, cache: ColumnCache, v: HeatViewport, scale: HeatScale, dpr: number): HeatRenderer {
    this.pick(cache);
    if (this.renderer === 'webgl2' && this.gl!.draw(cache, v, scale, v.width, v.height, dpr)) {
      ctx.clearRect(0, 0, v.width, v.height);
      return this.renderer;
    }
    if (this.renderer === 'webgl2') {
      this.failed = true;
      this.pick(cache);
    }
    this.paint2d(ctx, cache, v, scale);
    return this.renderer;
  }

  /** The GL canvas, when it holds the body (for a PNG that composes both layers). */
  get bodyCanvas(): Canvas | null {
    return this.renderer === 'webgl2' ? this.glCanvas : null;
  }

  dispose(): void {
    this.gl?.dispose();
  }

  private pick(cache: ColumnCache | null): void {
    const c = chooseRenderer({ forced: this.forced, gl: this.gl !== null, lost: this.failed || (this.gl?.lost ?? false), fits: cache && this.gl ? this.gl.fits(cache) : null });
    this.renderer = c.renderer;
    this.reason = c.reason;
    this.glCanvas.style.display = c.renderer === 'webgl2' ? '' : 'none';
  }
}
