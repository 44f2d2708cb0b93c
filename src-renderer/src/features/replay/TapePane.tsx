import { useEffect, useRef } from 'react';
import { Panel } from '../../components/Panel';
import { fmtPrice, fmtVolume } from '../../lib/format';
import { fmtEtClockMs } from './replay-time';
import { useReplayStore } from './replay-store';

/** The last prints at or before the playhead, newest first; rows are written to the DOM directly, per frame. */
export function TapePane() {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let raf = 0;
    const draw = () => {
      raf = 0;
      const body = bodyRef.current;
      const f = useReplayStore.getState().frame;
      if (!body || !rootRef.current) return;
      const rows = f ? [...f.trades].reverse() : [];
      body.replaceChildren(
        ...rows.map((t, i) => {
          const older = rows[i + 1];
          const tr = document.createElement('tr');
          tr.className = older && t.price > older.price ? 'num-up' : older && t.price < older.price ? 'num-down' : '';
          for (const [text, cls] of [[fmtEtClockMs(t.ts), ''], [fmtPrice(t.price), 'num'], [fmtVolume(t.size), 'num']]) {
            const td = document.createElement('td');
            td.textContent = text;
            td.className = cls;
            tr.append(td);
          }
          return tr;
        }),
      );
      rootRef.current.dataset.playheadSeq = f ? String(f.seq) : '';
      rootRef.current.dataset.playheadTs = f ? String(f.ts) : '';
      rootRef.current.dataset.trades = String(rows.length);
    };
    const off = useReplayStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame && raf === 0) raf = requestAnimationFrame(draw);
    });
    draw();
    return () => {
      off();
      cancelAnimationFrame(raf);
    };
  }, []);

  return (
    <Panel title="Tape" className="replay-tape" testId="replay-tape-panel">
      <div className="replay-tape-body" ref={rootRef} data-testid="replay-tape">
        <table className="data-table mono">
          <thead>
            <tr>
              <th>Time ET</th>
              <th>Price</th>
              <th>Size</th>
            </tr>
          </thead>
          <tbody ref={bodyRef} />
        </table>
      </div>
    </Panel>
  );
}
