import { useEffect, useRef, useState } from 'react';
import { Panel } from '../../components/Panel';
import { insideTick } from '../ladder/ladder-layout';
import { CanvasView } from './canvas-view';
import { paintHeatmap } from './heatmap-painter';
import type { HeatOptions } from './heatmap-raster';
import { viewportFor } from './heatmap-layout';
import { useReplayStore } from './replay-store';

// A wall that rests all session fills a few % of the cells, so the default cap sits below that.
const HI_PCTS = [80, 90, 95, 98, 99, 100];
const DEFAULTS: HeatOptions = { loPct: 5, hiPct: 90, gamma: 1 };

/** Row height that shows the opening book's recorded span about 1.6 times over. */
function fitTickPx(frame: { bids: [number, number, number][]; asks: [number, number, number][] }, minTick: number, height: number): number {
  const prices = [...frame.bids, ...frame.asks].map((l) => l[0]);
  if (prices.length < 2) return 8;
  const span = Math.round((Math.max(...prices) - Math.min(...prices)) / minTick) + 1;
  return Math.min(24, Math.max(3, height / (span * 1.6)));
}

/** Price × time liquidity heatmap over the whole replay, drawn from the column cache. */
export function HeatmapPane() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<CanvasView | null>(null);
  const opts = useRef<HeatOptions>(DEFAULTS);
  const centre = useRef<number | null>(null);
  const tickPx = useRef(8);
  const [ui, setUi] = useState(DEFAULTS);
  const progress = useReplayStore((s) => (s.cache ? 1 : s.cacheProgress));
  const building = useReplayStore((s) => s.info !== null && s.cache === null);

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas) return;
    const view = new CanvasView(host, canvas, (ctx, width, height) => {
      const { cache, frame, info, trades, fills } = useReplayStore.getState();
      if (!cache || !frame || !info) {
        ctx.clearRect(0, 0, width, height);
        return;
      }
      const mid = insideTick({ ...frame, minTick: info.minTick });
      if (centre.current === null && mid !== null) tickPx.current = fitTickPx(frame, info.minTick, height);
      const rows = Math.max(4, Math.floor(height / tickPx.current));
      // Re-centre only when the inside leaves the middle of the view, so the picture does not jitter.
      if (mid !== null && (centre.current === null || Math.abs(mid - centre.current) > rows * 0.3)) centre.current = mid;
      const v = viewportFor(info.start, info.end, centre.current ?? 0, rows, width, height);
      paintHeatmap(ctx, cache, v, opts.current, trades, frame.ts, fills);
      host.dataset.fills = String(fills.filter((f) => f.ts >= v.t0 && f.ts <= v.t1).length);
    });
    viewRef.current = view;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      tickPx.current = Math.min(32, Math.max(2, tickPx.current * (e.deltaY < 0 ? 1.25 : 0.8)));
      view.invalidate();
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      host.removeEventListener('wheel', onWheel);
      view.dispose();
    };
  }, []);

  const change = (patch: Partial<HeatOptions>) => {
    opts.current = { ...opts.current, ...patch };
    setUi(opts.current);
    viewRef.current?.invalidate();
  };

  const actions = (
    <>
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
    </>
  );

  return (
    <Panel title="Heatmap" actions={actions} className="replay-heatmap" testId="replay-heatmap-panel">
      <div className="replay-canvas-host" ref={hostRef} data-testid="replay-heatmap" data-cache-ready={building ? 'false' : 'true'}>
        <canvas ref={canvasRef} />
        {building && <div className="overlay-notice">Building the heatmap… {Math.round(progress * 100)} %</div>}
      </div>
    </Panel>
  );
}
