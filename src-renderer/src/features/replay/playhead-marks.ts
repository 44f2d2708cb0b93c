/**
 * The playhead over a view's canvas as DOM elements the compositor moves (a transform, no repaint): the
 * future dimmed, the past filled (the timeline's progress bar) and the playhead line, in the colours the
 * painters used (paintPlayhead draws the same into a 2D context, for PNG exports). A frame at 100× then
 * moves a few elements instead of rasterizing the canvas again (canvas-view.ts). CSS: replay.css
 * (`.replay-mark-*`): each element sits at the host's left edge, the dim and the fill span the host.
 */

export const DIM = 'rgba(8,10,14,0.35)';
export const PLAYHEAD = '#f8fafc';

/** What paintPlayhead needs of a 2D context, structurally (node tests and the node typecheck have no DOM lib). */
export interface FillCtx {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** The same marks painted into a 2D context (exports): the future from `px` dimmed, a `lineW`-px line at it. */
export function paintPlayhead(ctx: FillCtx, px: number, width: number, height: number, lineW = 1): void {
  ctx.fillStyle = DIM;
  ctx.fillRect(px, 0, Math.max(0, width - px), height);
  ctx.fillStyle = PLAYHEAD;
  ctx.fillRect(lineX(px, lineW), 0, lineW, height);
}

/** Left edge of a `lineW`-px playhead line at x, on whole pixels as the painters drew it. */
export const lineX = (px: number, lineW: number): number => Math.round(px) - (lineW - 1) / 2;

/** A style target, structurally (node tests need no DOM). */
export interface Styled {
  style: { transform: string; display: string };
}

export interface MarkElements<E extends Styled> {
  /** Spans the host; shifted right by x, so it covers the future. */
  future?: E | null;
  /** Spans the host; shifted left so its right edge is at x, so it covers the past. */
  past?: E | null;
  /** The playhead, `lineW` px wide. */
  line: E;
  lineW?: number;
}

/** Transforms of each element for a playhead at x (CSS px from the host's left). */
export function markTransforms(px: number, lineW = 1): { future: string; past: string; line: string } {
  const x = px.toFixed(1);
  return { future: `translateX(${x}px)`, past: `translateX(calc(${x}px - 100%))`, line: `translateX(${lineX(px, lineW)}px)` };
}

export class PlayheadMarks<E extends Styled = Styled> {
  /** The x shown (as set() rounds it), null when hidden; undefined until the first set() writes the DOM. */
  private shown: string | null | undefined = undefined;

  constructor(private readonly el: MarkElements<E>) {}

  /** Puts the marks at x (CSS px from the host's left); null hides them. Touches the DOM only on a change. */
  set(px: number | null): void {
    const key = px === null || !Number.isFinite(px) ? null : px.toFixed(1);
    if (key === this.shown) return;
    const wasHidden = this.shown === null || this.shown === undefined;
    this.shown = key;
    const all = [this.el.future, this.el.past, this.el.line].filter((e): e is E => Boolean(e));
    if (px === null || key === null) {
      for (const e of all) e.style.display = 'none';
      return;
    }
    const t = markTransforms(px, this.el.lineW ?? 1);
    if (this.el.future) this.el.future.style.transform = t.future;
    if (this.el.past) this.el.past.style.transform = t.past;
    this.el.line.style.transform = t.line;
    if (wasHidden) for (const e of all) e.style.display = '';
  }
}

/** A text target, structurally. */
export interface Labelled extends Styled {
  textContent: string | null;
}

/** Where a label's box goes: its left edge at x (`right` of the playhead), or its right edge at x. */
export const labelTransform = (l: { x: number; top: number; right: boolean }): string =>
  l.right ? `translate(${l.x.toFixed(1)}px, ${l.top.toFixed(1)}px)` : `translate(calc(${l.x.toFixed(1)}px - 100%), ${l.top.toFixed(1)}px)`;

/** A label that moves with the playhead (the heatmap's VWAP at it): text and transform written only on a change. */
export class PlayheadLabel<E extends Labelled = Labelled> {
  private text: string | null | undefined = undefined;
  private transform = '';

  constructor(private readonly el: E) {}

  set(l: { text: string; x: number; top: number; right: boolean } | null): void {
    const text = l?.text ?? null;
    if (text !== this.text) {
      if ((text === null) !== (this.text === null) || this.text === undefined) this.el.style.display = text === null ? 'none' : '';
      if (text !== null) this.el.textContent = text;
      this.text = text;
    }
    if (!l) return;
    const t = labelTransform(l);
    if (t !== this.transform) this.el.style.transform = this.transform = t;
  }
}
