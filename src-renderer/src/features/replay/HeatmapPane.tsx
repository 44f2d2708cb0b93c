import { useEffect, useRef, useState } from 'react';
import { Panel } from '../../components/Panel';
import { insideTick } from '../ladder/ladder-layout';
import { CanvasView } from './canvas-view';
import { downloadBlob } from './download';
import { exportName } from './analysis-export';
import { attachHeatmapGestures } from './heatmap-gestures';
import { HeatBody } from './heatmap-body';
import type { ColumnCache } from './heatmap-columns';
import { HeatmapGl } from './heatmap-gl';
import { paintHeatAxes, paintHeatBody2d, paintHeatOverlays, paintHeatPlayhead } from './heatmap-painter';
import { vwapLabel } from './vwap-label';
import { PlayheadLabel, PlayheadMarks } from './playhead-marks';
import { DEFAULT_HEAT, visibleScale, type HeatOptions } from './heatmap-raster';
import { viewportFor, xOf, type HeatViewport } from './heatmap-layout';
import type { HeatScale } from './heat-scale';
import { HeatScaleControls } from './HeatScaleControls';
import { lastBuildStats } from './heatmap-cache-builder';
import { GROUPS, groupedCache, groupOf, type Grouping } from './price-grouping';
import { setGroup, setTimeView, shownWindow, useReplayStore, type TapeData } from './replay-store';
import { zoomAt } from './time-window';

/** The colour scale of a view, recomputed only when the view, the cache or the options change. */
function scaleMemo(): (cache: ColumnCache, v: HeatViewport, o: HeatOptions) => HeatScale {
  let key = '';
  let last: { cache: ColumnCache | null; scale: HeatScale } = { cache: null, scale: { lo: 0, hi: 0, gamma: 1 } };
  return (cache, v, o) => {
    const k = `${v.t0}|${v.t1}|${v.topTick}|${v.rows}|${JSON.stringify(o)}`;
    if (last.cache !== cache || k !== key) [key, last] = [k, { cache, scale: visibleScale(cache, v, o) }];
    return last.scale;
  };
}

/** Stamps how the heatmap is drawn and how its cache was built, for e2e and for a user asking why. */
function stamp(host: HTMLElement, canvas: HTMLCanvasElement, body: { renderer: string; reason: string }, frameMs: number): void {
  canvas.dataset.renderer = body.renderer;
  Object.assign(host.dataset, { renderer: body.renderer, rendererReason: body.reason, frameMs: frameMs.toFixed(2) });
  const b = lastBuildStats;
  if (b) Object.assign(host.dataset, { cachePath: b.path, cacheBuildMs: b.buildMs.toFixed(0), cacheHandoverMs: b.handoverMsMax.toFixed(2) });
}

/** Row height that shows the opening book's recorded span (in rows of `group` ticks) about 1.6 times over. */
function fitRowPx(frame: { bids: [number, number, number][]; asks: [number, number, number][] }, minTick: number, group: number, height: number): number {
  const prices = [...frame.bids, ...frame.asks].map((l) => l[0]);
  if (prices.length < 2) return 8;
  const span = Math.round((Math.max(...prices) - Math.min(...prices)) / minTick / group) + 1;
  return Math.min(24, Math.max(3, height / (span * 1.6)));
}

/** Price × time liquidity heatmap, drawn from the column cache (grouped by N ticks) over the shared time window. */
export function HeatmapPane() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const glRef = useRef<HTMLCanvasElement>(null);
  const axesRef = useRef<HTMLCanvasElement>(null);
  const vwapRef = useRef<HTMLDivElement>(null);
  const dimRef = useRef<HTMLDivElement>(null);
  const lineRef = useRef<HTMLDivElement>(null);
  /** What the last frame showed, for the PNG export (which paints the DOM marks into the picture). */
  const shown = useRef<{ cache: ColumnCache; v: HeatViewport; tape: TapeData | null; ts: number } | null>(null);
  const viewRef = useRef<CanvasView | null>(null);
  const bodyRef = useRef<HeatBody<HTMLCanvasElement, CanvasRenderingContext2D> | null>(null);
  const shownScale = useRef<HeatScale | null>(null);
  const opts = useRef<HeatOptions>(DEFAULT_HEAT);
  // Price window: centre row (null = fit to the book on the next paint) and whether the user moved it.
  const centre = useRef<number | null>(null);
  const pinned = useRef(false);
  const rowPx = useRef(8);
  const [ui, setUi] = useState(DEFAULT_HEAT);
  const group = useReplayStore((s) => s.group);
  const zoomed = useReplayStore((s) => s.timeView !== null);
  const progress = useReplayStore((s) => (s.cache ? 1 : s.cacheProgress));
  const building = useReplayStore((s) => s.info !== null && s.cache === null);

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    const glCanvas = glRef.current;
    const axes = axesRef.current;
    const vwapEl = vwapRef.current;
    if (!host || !canvas || !glCanvas || !axes || !vwapEl || !dimRef.current || !lineRef.current) return;
    const body = new HeatBody(glCanvas, (c) => HeatmapGl.create(c), paintHeatBody2d);
    bodyRef.current = body;
    const scaleOf = scaleMemo();
    const marks = new PlayheadMarks({ future: dimRef.current, line: lineRef.current });
    const label = new PlayheadLabel(vwapEl);
    const view = new CanvasView(
      host,
      canvas,
      (ctx, width, height, f) => {
        const a = performance.now();
        const { cache: base, frame, info, trades, tape, group: n, fills } = useReplayStore.getState();
        const w = shownWindow();
        if (!base || !frame || !info || !w) {
          marks.set(null);
          label.set(null);
          if (f.same([null])) return;
          glCanvas.style.display = 'none';
          f.layer(0)?.clearRect(0, 0, width, height);
          return ctx.clearRect(0, 0, width, height);
        }
        const cache = groupedCache(base, n);
        const mid = insideTick({ ...frame, minTick: info.minTick });
        const midRow = mid === null ? null : groupOf(mid, n);
        if (centre.current === null && midRow !== null) rowPx.current = fitRowPx(frame, info.minTick, n, height);
        const rows = Math.max(4, Math.floor(height / rowPx.current));
        // Re-centre only when the inside leaves the middle of the view (so the picture does not jitter), and
        // never once the user has dragged the price window.
        if (midRow !== null && (centre.current === null || (!pinned.current && Math.abs(midRow - centre.current) > rows * 0.3))) centre.current = midRow;
        const v = viewportFor(w.t0, w.t1, Math.round(centre.current ?? 0), rows, width, height);
        const scale = scaleOf(cache, v, opts.current);
        shownScale.current = scale;
        marks.set(xOf(v, frame.ts));
        label.set(vwapLabel(cache, v, tape, frame.ts));
        // The picture under the marks depends on none of the playhead: most frames at 100× stop here.
        shown.current = { cache, v, tape, ts: frame.ts };
        if (f.same([cache, v.t0, v.t1, v.topTick, v.rows, width, height, scale, tape ?? trades, fills])) return;
        body.draw(ctx, cache, v, scale, window.devicePixelRatio || 1);
        paintHeatOverlays(ctx, cache, v, trades, tape, fills);
        const top = f.layer(0);
        if (top) paintHeatAxes(top, cache, v);
        // frame-ms: the paint's main-thread time (a frame that only moves the marks paints nothing).
        stamp(host, canvas, body, performance.now() - a);
        host.dataset.fills = String(fills.filter((x) => x.ts >= v.t0 && x.ts <= v.t1).length);
        Object.assign(host.dataset, { viewT0: String(Math.round(w.t0)), viewT1: String(Math.round(w.t1)), group: String(n), topRow: String(v.topTick), rows: String(v.rows) });
      },
      { layers: [axes] },
    );
    // A lost context leaves the GL canvas blank: draw again (in 2D) without waiting for the view to change.
    const lost = () => view.invalidate();
    glCanvas.addEventListener('webglcontextlost', lost);
    viewRef.current = view;
    const off = attachHeatmapGestures(host, {
      zoomPrice: (f) => {
        rowPx.current = Math.min(32, Math.max(2, rowPx.current * f));
        view.invalidate();
      },
      scrollRows: (r) => {
        if (centre.current === null || r === 0) return;
        centre.current += r;
        pinned.current = true;
        view.invalidate();
      },
      rowPx: () => rowPx.current,
    });
    return () => {
      off();
      glCanvas.removeEventListener('webglcontextlost', lost);
      view.dispose();
      body.dispose();
    };
  }, []);

  const change = (patch: Partial<HeatOptions>) => {
    opts.current = { ...opts.current, ...patch };
    setUi(opts.current);
    viewRef.current?.invalidate();
  };
  const refitPrice = () => {
    centre.current = null;
    pinned.current = false;
    viewRef.current?.invalidate();
  };
  const zoomBy = (f: number) => {
    const { info, frame } = useReplayStore.getState();
    const w = shownWindow();
    if (info && w) setTimeView(zoomAt(w, frame?.ts ?? (w.t0 + w.t1) / 2, f, info.start, info.end));
  };
  const fit = () => {
    setTimeView(null);
    refitPrice();
  };
  const png = () => {
    const { info } = useReplayStore.getState();
    const [top, axes, under, at] = [canvasRef.current, axesRef.current, bodyRef.current?.bodyCanvas, shown.current];
    if (!top || !axes) return;
    // The picture is layers: the GL body (its buffer is preserved) when it draws, the overlays, the
    // playhead marks (DOM on screen, painted here) and the axes.
    const out = document.createElement('canvas');
    Object.assign(out, { width: top.width, height: top.height });
    const g = out.getContext('2d')!;
    if (under) g.drawImage(under, 0, 0, top.width, top.height);
    g.drawImage(top, 0, 0);
    if (at) {
      const dpr = top.width / Math.max(1, at.v.width);
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      paintHeatPlayhead(g, at.cache, at.v, at.tape, at.ts);
      g.setTransform(1, 0, 0, 1, 0, 0);
    }
    g.drawImage(axes, 0, 0);
    out.toBlob((b) => b && info && downloadBlob(b, exportName(info.symbol, info.date, 'heatmap', 'png')), 'image/png');
  };

  const actions = (
    <>
      <label className="muted" title="Price grouping: ticks per row">
        group{' '}
        <select
          value={group}
          onChange={(e) => {
            setGroup(Number(e.target.value) as Grouping);
            refitPrice();
          }}
          data-testid="heat-group"
        >
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {g} tick{g > 1 ? 's' : ''}
            </option>
          ))}
        </select>
      </label>
      <span className="replay-zoom">
        <button className="btn btn-xs" title="Zoom time out (wheel down)" onClick={() => zoomBy(2)} data-testid="heat-zoom-out">−</button>
        <button className="btn btn-xs" title="Zoom time in around the playhead (wheel up; Shift+wheel zooms price, drag pans)" onClick={() => zoomBy(0.5)} data-testid="heat-zoom-in">+</button>
        <button className="btn btn-xs" title="Fit: whole replay, price on the book" onClick={fit} data-testid="heat-fit" data-zoomed={zoomed}>fit</button>
      </span>
      <HeatScaleControls opts={ui} onChange={change} shown={() => shownScale.current} />
      <button className="btn btn-xs" title="Save the heatmap as it is shown (PNG)" onClick={png} data-testid="heat-png">PNG</button>
    </>
  );

  return (
    <Panel title="Heatmap" actions={actions} className="replay-heatmap" testId="replay-heatmap-panel">
      <div className="replay-canvas-host replay-heatmap-host" ref={hostRef} data-testid="replay-heatmap" data-cache-ready={building ? 'false' : 'true'} title="Wheel: zoom time · Shift+wheel: zoom price · drag: pan · click: seek">
        <canvas ref={glRef} data-testid="replay-heatmap-gl" />
        <canvas ref={canvasRef} data-testid="replay-heatmap-canvas" />
        <div ref={vwapRef} className="replay-heat-vwap" data-testid="replay-heat-vwap" />
        <div ref={dimRef} className="replay-mark-dim" />
        <div ref={lineRef} className="replay-mark-line" data-testid="replay-heatmap-playhead" />
        <canvas ref={axesRef} data-testid="replay-heatmap-axes" />
        {building && <div className="overlay-notice">Building the heatmap… {Math.round(progress * 100)} %</div>}
      </div>
    </Panel>
  );
}
