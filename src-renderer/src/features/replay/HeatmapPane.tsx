import { useEffect, useRef, useState } from 'react';
import { Panel } from '../../components/Panel';
import { insideTick } from '../ladder/ladder-layout';
import { CanvasView } from './canvas-view';
import { downloadBlob } from './download';
import { exportName } from './analysis-export';
import { attachHeatmapGestures } from './heatmap-gestures';
import { paintHeatmap } from './heatmap-painter';
import type { HeatOptions } from './heatmap-raster';
import { viewportFor } from './heatmap-layout';
import { GROUPS, groupedCache, groupOf, type Grouping } from './price-grouping';
import { setGroup, setTimeView, shownWindow, useReplayStore } from './replay-store';
import { zoomAt } from './time-window';

// A wall that rests all session fills a few % of the cells, so the default cap sits below that.
const HI_PCTS = [80, 90, 95, 98, 99, 100];
const DEFAULTS: HeatOptions = { loPct: 5, hiPct: 90, gamma: 1 };

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
  const viewRef = useRef<CanvasView | null>(null);
  const opts = useRef<HeatOptions>(DEFAULTS);
  // Price window: centre row (null = fit to the book on the next paint) and whether the user moved it.
  const centre = useRef<number | null>(null);
  const pinned = useRef(false);
  const rowPx = useRef(8);
  const [ui, setUi] = useState(DEFAULTS);
  const group = useReplayStore((s) => s.group);
  const zoomed = useReplayStore((s) => s.timeView !== null);
  const progress = useReplayStore((s) => (s.cache ? 1 : s.cacheProgress));
  const building = useReplayStore((s) => s.info !== null && s.cache === null);

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas) return;
    const view = new CanvasView(host, canvas, (ctx, width, height) => {
      const { cache: base, frame, info, trades, tape, group: n, fills } = useReplayStore.getState();
      const w = shownWindow();
      if (!base || !frame || !info || !w) return ctx.clearRect(0, 0, width, height);
      const cache = groupedCache(base, n);
      const mid = insideTick({ ...frame, minTick: info.minTick });
      const midRow = mid === null ? null : groupOf(mid, n);
      if (centre.current === null && midRow !== null) rowPx.current = fitRowPx(frame, info.minTick, n, height);
      const rows = Math.max(4, Math.floor(height / rowPx.current));
      // Re-centre only when the inside leaves the middle of the view (so the picture does not jitter), and
      // never once the user has dragged the price window.
      if (midRow !== null && (centre.current === null || (!pinned.current && Math.abs(midRow - centre.current) > rows * 0.3))) centre.current = midRow;
      const v = viewportFor(w.t0, w.t1, Math.round(centre.current ?? 0), rows, width, height);
      paintHeatmap(ctx, cache, v, opts.current, trades, frame.ts, tape, fills);
      host.dataset.fills = String(fills.filter((f) => f.ts >= v.t0 && f.ts <= v.t1).length);
      Object.assign(host.dataset, { viewT0: String(Math.round(w.t0)), viewT1: String(Math.round(w.t1)), group: String(n), topRow: String(v.topTick), rows: String(v.rows) });
    });
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
      view.dispose();
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
    canvasRef.current?.toBlob((b) => b && info && downloadBlob(b, exportName(info.symbol, info.date, 'heatmap', 'png')), 'image/png');
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
      <label className="muted" title="Upper cut-off: sizes above this percentile get the brightest colour">
        cap{' '}
        <select value={ui.hiPct} onChange={(e) => change({ hiPct: Number(e.target.value) })} data-testid="heat-hi">
          {HI_PCTS.map((p) => (
            <option key={p} value={p}>
              p{p}
            </option>
          ))}
        </select>
      </label>
      <label className="muted" title="Contrast (gamma): left shows small sizes, right only the big walls">
        contrast{' '}
        <input type="range" min={0.2} max={3} step={0.1} value={ui.gamma} onChange={(e) => change({ gamma: Number(e.target.value) })} data-testid="heat-contrast" />
      </label>
      <button className="btn btn-xs" title="Save the heatmap as it is shown (PNG)" onClick={png} data-testid="heat-png">PNG</button>
    </>
  );

  return (
    <Panel title="Heatmap" actions={actions} className="replay-heatmap" testId="replay-heatmap-panel">
      <div className="replay-canvas-host replay-heatmap-host" ref={hostRef} data-testid="replay-heatmap" data-cache-ready={building ? 'false' : 'true'} title="Wheel: zoom time · Shift+wheel: zoom price · drag: pan · click: seek">
        <canvas ref={canvasRef} />
        {building && <div className="overlay-notice">Building the heatmap… {Math.round(progress * 100)} %</div>}
      </div>
    </Panel>
  );
}
