import { useEffect, useRef, useState } from 'react';
import { Panel } from '../../components/Panel';
import { bucketAtX, type PaneData, type PaneKind, PANE_KINDS } from './analysis-panes';
import { hoverText, paintPanes, PANE_TITLES } from './analysis-panes-painter';
import { followReplay, PANE_LEVELS, setPanesWidth, setPaneScope, usePanesStore } from './analysis-panes-store';
import { CanvasView } from './canvas-view';
import { PlayheadMarks } from './playhead-marks';
import { seekTs, shownWindow, useReplayStore } from './replay-store';

const n = (x: number | null | undefined, d = 4): string =>
  x === null || x === undefined ? '—' : x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(d - 1) : Number(x.toPrecision(d)).toString();
const textOf = (o: object, k: string): string => {
  const v = (o as Record<string, unknown>)[k];
  return typeof v === 'string' ? v : '';
};
const fmtBucket = (ms: number): string => (ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);

/** Each pane's label (with its headline figure) and its tooltip: definition, units and source. */
function label(kind: PaneKind, d: PaneData | null): { text: string; title: string } {
  const k = d?.panes.levels ?? PANE_LEVELS;
  const bucket = d ? fmtBucket(d.panes.bucketMs) : '';
  if (!d) return { text: PANE_TITLES[kind], title: '' };
  const def = (o: object, extra: string) => [extra, textOf(o, 'definition'), textOf(o, 'source') && `Source: ${textOf(o, 'source')}`].filter(Boolean).join('\n');
  switch (kind) {
    case 'ofi':
      return {
        text: `OFI per ${bucket} · β ${n(d.ofi.beta, 3)} price/share · R² ${n(d.ofi.r2, 3)}`,
        title: def(d.ofi, `Order-flow imbalance per ${bucket} bucket (shares, bars: green = net buying pressure at the best quotes). β and R² of the OLS of the mid change on OFI over the buckets shown.`),
      };
    case 'cvd':
      return {
        text: `CVD (inferred aggressor) · ${d.cvd.final.toLocaleString('en-US')} shares`,
        title: [`Cumulative volume delta (shares) from the range's start. The aggressor side is INFERRED: IB's tape has no aggressor flag.`, d.cvd.method, textOf(d.cvd, 'source') && `Source: ${textOf(d.cvd, 'source')}`].filter(Boolean).join('\n'),
      };
    case 'imbalance':
      return { text: `Depth imbalance (${k} levels) · mean ${n(d.depthImbalance.mean, 3)}`, title: def(d.depthImbalance, `Ratio in [−1, 1], time-weighted per ${bucket}: +1 all depth on the bid.`) };
    case 'spread':
      return { text: `Quoted spread · mean ${n(d.spread.quotedMean, 4)} (${n(d.spread.relativeMeanBps, 3)} bps)`, title: def(d.spread, `Ask − bid (price), time-weighted per ${bucket}; crossed books left out.`) };
    case 'depth':
      return { text: `Depth within ${k} levels · bid / ask`, title: `Resting size within the best ${k} price levels per side (shares), time-weighted per ${bucket}. Green bid, red ask.` };
  }
}

/** The analysis panes under the heatmap, on its time window, for the visible range or the whole session. */
export function AnalysisPanes() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<CanvasView | null>(null);
  const dimRef = useRef<HTMLDivElement>(null);
  const lineRef = useRef<HTMLDivElement>(null);
  const hover = useRef(-1);
  const [readout, setReadout] = useState('');
  const { scope, data, loading, error } = usePanesStore();

  useEffect(() => followReplay(), []);
  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas || !dimRef.current || !lineRef.current) return;
    const marks = new PlayheadMarks({ future: dimRef.current, line: lineRef.current });
    const view = new CanvasView(host, canvas, (ctx, width, height, f) => {
      const { frame } = useReplayStore.getState();
      const w = shownWindow();
      setPanesWidth(width);
      if (!w || !frame) {
        marks.set(null);
        if (!f.same([null])) ctx.clearRect(0, 0, width, height);
        return;
      }
      marks.set(((frame.ts - w.t0) / Math.max(1, w.t1 - w.t0)) * width);
      // Hover and new data invalidate(); a frame that only moves the playhead moves the marks.
      const data = usePanesStore.getState().data;
      if (f.same([data, w.t0, w.t1, width, height])) return;
      paintPanes(ctx, data, w, width, height, hover.current);
      Object.assign(host.dataset, { viewT0: String(Math.round(w.t0)), viewT1: String(Math.round(w.t1)) });
    });
    viewRef.current = view;
    const off = usePanesStore.subscribe(() => view.invalidate());
    return () => {
      off();
      view.dispose();
    };
  }, []);

  const at = (e: React.MouseEvent): { i: number; ts: number } | null => {
    const host = hostRef.current;
    const d = usePanesStore.getState().data;
    const w = shownWindow();
    if (!host || !w) return null;
    const x = e.clientX - host.getBoundingClientRect().left;
    const ts = w.t0 + (x / Math.max(1, host.clientWidth)) * (w.t1 - w.t0);
    return { i: d ? bucketAtX(d.panes.t, d.panes.bucketMs, w, host.clientWidth, x) : -1, ts };
  };
  const onMove = (e: React.MouseEvent) => {
    const p = at(e);
    const d = usePanesStore.getState().data;
    const i = p?.i ?? -1;
    if (i === hover.current) return;
    hover.current = i;
    setReadout(d && i >= 0 ? hoverText(d, i) : '');
    viewRef.current?.invalidate();
  };
  const onLeave = () => {
    hover.current = -1;
    setReadout('');
    viewRef.current?.invalidate();
  };

  const actions = (
    <>
      <span className="replay-scope" role="group" aria-label="Analyse">
        {(['visible', 'session'] as const).map((s) => (
          <button key={s} className={`btn btn-xs${scope === s ? ' btn-on' : ''}`} aria-pressed={scope === s} onClick={() => setPaneScope(s)} data-testid={`panes-scope-${s}`}
            title={s === 'visible' ? "The heatmap's visible time range (follows zoom and pan)" : 'The whole replay, whatever the heatmap shows'}>
            {s === 'visible' ? 'visible range' : 'whole session'}
          </button>
        ))}
      </span>
      {data && (
        <span className="muted" title={[`Volume profile of the range (bin ${data.profile.binSize}): POC, value area ${textOf(data.profile, 'definition')}`, `Data quality ${data.quality.score}/100`, ...data.quality.reasons].join('\n')}>
          POC {n(data.profile.poc, 8)} · VA {n(data.profile.val, 8)}–{n(data.profile.vah, 8)} · quality {data.quality.score}
        </span>
      )}
      {loading && <span className="muted">analysing…</span>}
      {error && <span className="text-error">{error}</span>}
    </>
  );

  return (
    <Panel title="Analysis" actions={actions} className="replay-panes" testId="replay-panes-panel">
      <div className="replay-canvas-host replay-panes-host" ref={hostRef} data-testid="replay-panes" data-buckets={data?.panes.t.length ?? ''} data-bucket-ms={data?.panes.bucketMs ?? ''} data-range-from={data?.panes.t[0] ?? ''} data-scope={scope}
        onMouseMove={onMove} onMouseLeave={onLeave} onClick={(e) => { const p = at(e); if (p) void seekTs(p.ts); }}>
        <canvas ref={canvasRef} />
        <div ref={dimRef} className="replay-mark-dim" />
        <div ref={lineRef} className="replay-mark-line" />
        <div className="replay-panes-labels">
          {PANE_KINDS.map((k) => {
            const l = label(k, data);
            return (
              <div key={k}>
                <span title={l.title} data-testid={`pane-label-${k}`}>{l.text}</span>
              </div>
            );
          })}
        </div>
        {readout && <div className="replay-panes-readout mono" data-testid="panes-readout">{readout}</div>}
      </div>
    </Panel>
  );
}
