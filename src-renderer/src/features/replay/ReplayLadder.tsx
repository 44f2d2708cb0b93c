import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel';
import { decimalsFor, insideTick, layoutLadder } from '../ladder/ladder-layout';
import { paintLadder, ROW_HEIGHT } from '../ladder/ladder-painter';
import { CanvasView } from './canvas-view';
import { groupLadderInput } from './price-grouping';
import { useReplayStore } from './replay-store';
import { positionAt } from './trip-fills';

/** The book at the playhead, drawn by the live ladder's painter; prints fade by replay time, not wall time. */
export function ReplayLadder() {
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const inGap = useReplayStore((s) => s.frame?.inGap ?? false);
  const group = useReplayStore((s) => s.group);

  useEffect(() => {
    const host = hostRef.current;
    const canvas = canvasRef.current;
    if (!host || !canvas) return;
    const view = new CanvasView(host, canvas, (ctx, width, height) => {
      const { frame, info, group: n, fills } = useReplayStore.getState();
      // The heatmap's N ticks per row; the ladder puts bids down and asks up (price-grouping.ts).
      const input = frame && info ? groupLadderInput({ ...frame, minTick: info.minTick }, n) : null;
      const centre = input ? insideTick(input) : null;
      if (!input || centre === null) {
        ctx.clearRect(0, 0, width, height);
        return;
      }
      const layout = layoutLadder(input, centre, Math.max(1, Math.floor(height / ROW_HEIGHT)), input.ts, 3000);
      // A journal trip opened from History: its position at the playhead, as the live ladder shows a position.
      const position = fills.length ? positionAt(fills, input.ts) : null;
      host.dataset.position = position ? `${position.quantity}@${position.price}` : '';
      paintLadder(ctx, layout, width, height, decimalsFor(input.minTick), fills.length ? { marks: [], position, dragPrice: null } : undefined);
    });
    return () => view.dispose();
  }, []);

  return (
    <Panel title="Ladder" actions={group > 1 ? <span className="muted">{group} ticks per row</span> : null} className="replay-ladder" testId="replay-ladder-panel">
      <div className="ladder-head mono">
        <span>Σ bid</span>
        <span>Bid</span>
        <span>Price</span>
        <span>Ask</span>
        <span>Σ ask</span>
      </div>
      <div className="replay-canvas-host" ref={hostRef} data-testid="replay-ladder">
        <canvas ref={canvasRef} />
        {inGap && <div className="overlay-notice">No depth recorded here: last known book</div>}
      </div>
    </Panel>
  );
}
