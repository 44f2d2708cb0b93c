import { useEffect } from 'react';
import { useFocusStore } from '../../app/focus-store';
import { Panel } from '../../components/Panel';
import { useNow } from '../../components/use-now';
import { api } from '../../lib/api';
import { fmtBytes } from '../../lib/format';
import { StreamRow } from './StreamRow';
import { depthSlotsUsed, moveInQueue, sortStreams } from './recorder-logic';
import { recorderAction, startRecorderFeed, useRecorderStore } from './recorder-store';

const HEADERS = ['Symbol', 'State', 'Reason', 'Depth msgs', 'Ticks', 'Rows', 'Bytes', 'Rate', 'Updated', 'Quality', ''];

export function RecorderPanel() {
  const { status, loadError, actionError } = useRecorderStore();
  const focus = useFocusStore((s) => s.symbol);
  const setFocus = useFocusStore((s) => s.setSymbol);
  const now = useNow(1000);
  useEffect(() => startRecorderFeed(), []);

  const streams = status ? sortStreams(status.streams) : [];
  const queue = status?.queue ?? [];
  const ibText = status
    ? status.ibCap === null
      ? `IB limit not learnt yet${status.capReason ? `: ${status.capReason}` : ''}`
      : `IB allows ${status.ibCap}${status.capReason ? `: ${status.capReason}` : ''}`
    : '';

  const actions = (
    <>
      {status && (
        <span className="muted" data-testid="depth-slots">
          Depth slots: {depthSlotsUsed(status.streams)}/{status.effectiveCap} ({ibText})
        </span>
      )}
      {status && <span className="muted" data-testid="disk-used">Disk: {fmtBytes(status.diskBytes)}</span>}
      <button className="btn btn-danger" data-testid="stop-all" disabled={streams.length === 0} onClick={() => void recorderAction(() => api.call('recorder:stopAll'))}>
        Stop All
      </button>
    </>
  );

  return (
    <Panel title="Recorder" actions={actions} testId="recorder-panel" className="panel-recorder">
      {status && !status.dataDirWritable && <div className="banner banner-error">The data directory is not writable: recordings cannot be saved.</div>}
      {(loadError || actionError) && (
        <div className="banner banner-error" role="alert" data-testid="recorder-error">
          {actionError ?? loadError}
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              {HEADERS.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {streams.map((s) => (
              <StreamRow
                key={s.symbol}
                s={s}
                now={now}
                focused={s.symbol === focus}
                isFirstQueued={queue[0] === s.symbol}
                isLastQueued={queue[queue.length - 1] === s.symbol}
                onFocus={() => setFocus(s.symbol)}
                onStop={() => void recorderAction(() => api.call('recorder:stop', { symbol: s.symbol }))}
                onPromote={() => void recorderAction(() => api.call('recorder:promote', { symbol: s.symbol }))}
                onMove={(dir) => void recorderAction(() => api.call('recorder:reorder', { symbols: moveInQueue(queue, s.symbol, dir) }))}
              />
            ))}
            {streams.length === 0 && (
              <tr>
                <td colSpan={HEADERS.length} className="empty">
                  {status ? 'Nothing recording. Select scanner rows and press Start Selected.' : 'Loading…'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
