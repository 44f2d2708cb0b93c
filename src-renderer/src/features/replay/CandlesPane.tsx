import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel';
import { CanvasView } from './canvas-view';
import { paintCandles } from './candles-painter';
import { shownWindow, useReplayStore } from './replay-store';

/** The session's 1-minute candles from the recorded prints, on the heatmap's time window. */
export function CandlesPane() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const count = useReplayStore((s) => s.tape?.candles.length ?? null);

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas) return;
    const view = new CanvasView(host, canvas, (ctx, width, height) => {
      const { tape, frame, info } = useReplayStore.getState();
      const w = shownWindow();
      if (!tape || !frame || !info || !w) return ctx.clearRect(0, 0, width, height);
      paintCandles(ctx, tape, w, frame.ts, width, height, info.minTick < 0.01 ? 4 : 2);
      Object.assign(host.dataset, { viewT0: String(Math.round(w.t0)), viewT1: String(Math.round(w.t1)) });
    });
    return () => view.dispose();
  }, []);

  return (
    <Panel title="1-min candles" actions={count === null ? <span className="muted">loading…</span> : <span className="muted">{count} bars</span>} className="replay-candles" testId="replay-candles-panel">
      <div className="replay-canvas-host" ref={hostRef} data-testid="replay-candles" data-candles={count ?? ''}>
        <canvas ref={canvasRef} />
      </div>
    </Panel>
  );
}
