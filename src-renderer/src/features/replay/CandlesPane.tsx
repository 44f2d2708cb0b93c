import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel';
import { CanvasView } from './canvas-view';
import { paintCandleAxes, paintCandles } from './candles-painter';
import { PlayheadMarks } from './playhead-marks';
import { shownWindow, useReplayStore } from './replay-store';

/** The session's 1-minute candles from the recorded prints, on the heatmap's time window. */
export function CandlesPane() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axesRef = useRef<HTMLCanvasElement>(null);
  const dimRef = useRef<HTMLDivElement>(null);
  const lineRef = useRef<HTMLDivElement>(null);
  const count = useReplayStore((s) => s.tape?.candles.length ?? null);

  useEffect(() => {
    const [host, canvas, axes] = [hostRef.current, canvasRef.current, axesRef.current];
    if (!host || !canvas || !axes || !dimRef.current || !lineRef.current) return;
    const marks = new PlayheadMarks({ future: dimRef.current, line: lineRef.current });
    const view = new CanvasView(
      host,
      canvas,
      (ctx, width, height, f) => {
        const { tape, frame, info } = useReplayStore.getState();
        const w = shownWindow();
        if (!tape || !frame || !info || !w) {
          marks.set(null);
          if (f.same([null])) return;
          f.layer(0)?.clearRect(0, 0, width, height);
          return ctx.clearRect(0, 0, width, height);
        }
        marks.set(((frame.ts - w.t0) / Math.max(1, w.t1 - w.t0)) * width);
        // The playhead is the marks': the candles repaint only when the tape, the window or the size change.
        if (f.same([tape, info.minTick, w.t0, w.t1, width, height])) return;
        paintCandles(ctx, tape, w, width, height);
        const top = f.layer(0);
        if (top) paintCandleAxes(top, tape, w, width, height, info.minTick < 0.01 ? 4 : 2);
        Object.assign(host.dataset, { viewT0: String(Math.round(w.t0)), viewT1: String(Math.round(w.t1)) });
      },
      { layers: [axes] },
    );
    return () => view.dispose();
  }, []);

  return (
    <Panel title="1-min candles" actions={count === null ? <span className="muted">loading…</span> : <span className="muted">{count} bars</span>} className="replay-candles" testId="replay-candles-panel">
      <div className="replay-canvas-host" ref={hostRef} data-testid="replay-candles" data-candles={count ?? ''}>
        <canvas ref={canvasRef} />
        <div ref={dimRef} className="replay-mark-dim" />
        <div ref={lineRef} className="replay-mark-line" />
        <canvas ref={axesRef} />
      </div>
    </Panel>
  );
}
