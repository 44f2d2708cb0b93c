import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel';
import { CanvasView } from './canvas-view';
import { useReplayStore } from './replay-store';
import { paintTape } from './tape-painter';

/** The last prints at or before the playhead, newest first (tape-painter.ts); repainted only when a print arrives. */
export function TapePane() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const [host, canvas] = [hostRef.current, canvasRef.current];
    if (!host || !canvas) return;
    const view = new CanvasView(host, canvas, (ctx, width, height, f) => {
      const frame = useReplayStore.getState().frame;
      const trades = frame?.trades ?? [];
      host.dataset.trades = String(trades.length);
      // The prints shown are the last ones up to tradeCount: a frame without a new print shows the same.
      if (f.same([frame?.replayId, frame?.tradeCount, trades.length, width, height])) return;
      paintTape(ctx, trades, width, height);
    });
    return () => view.dispose();
  }, []);

  return (
    <Panel title="Tape" className="replay-tape" testId="replay-tape-panel">
      <div className="replay-tape-head mono">
        <span>Time ET</span>
        <span>Price</span>
        <span>Size</span>
      </div>
      <div className="replay-canvas-host" ref={hostRef} data-testid="replay-tape" role="img" aria-label="Tape: the last prints at the playhead, newest first">
        <canvas ref={canvasRef} />
      </div>
    </Panel>
  );
}
