import type { StreamInfo } from '../../../../src-shared/contract/features/recorder';
import { fmtAge, fmtBytes, fmtInt, fmtRate } from '../../lib/format';
import { qualityCell } from './recorder-logic';

const TONE = { good: 'var(--up)', fair: 'var(--warn)', poor: 'var(--down)', none: 'var(--muted)' } as const;

interface StreamRowProps {
  s: StreamInfo;
  now: number;
  focused: boolean;
  isFirstQueued: boolean;
  isLastQueued: boolean;
  onFocus(): void;
  onStop(): void;
  onPromote(): void;
  onMove(dir: -1 | 1): void;
}

const stop = (e: React.MouseEvent, fn: () => void) => {
  e.stopPropagation();
  fn();
};

export function StreamRow({ s, now, focused, isFirstQueued, isLastQueued, onFocus, onStop, onPromote, onMove }: StreamRowProps) {
  const queued = s.state === 'queued';
  const done = s.state === 'stopped' || s.state === 'stopping';
  const q = qualityCell(s.quality);
  return (
    <tr data-testid={`stream-row-${s.symbol}`} data-state={s.state} className={focused ? 'row-focused' : ''} onClick={onFocus}>
      <td className="sym">{s.symbol}</td>
      <td>
        <span className={`badge state-badge st-${s.state}`}>
          {s.state}
          {queued && s.queuePosition !== null ? ` #${s.queuePosition}` : ''}
        </span>
      </td>
      <td className="reason" title={s.reason ?? ''}>
        {s.reason ?? ''}
      </td>
      <td className="num">{fmtInt(s.depthMessages)}</td>
      <td className="num">{fmtInt(s.tickMessages)}</td>
      <td className="num">{fmtInt(s.rowsWritten)}</td>
      <td className="num">{fmtBytes(s.bytes)}</td>
      <td className="num">{fmtRate(s.rate)}</td>
      <td className="num">{fmtAge(s.lastUpdate, now)}</td>
      <td className="num" title={q.title} style={{ color: TONE[q.tone], cursor: 'help' }} data-testid={`stream-quality-${s.symbol}`} data-score={s.quality?.score ?? ''}>
        {q.text}
      </td>
      <td className="row-actions">
        {queued && (
          <>
            <button className="btn btn-xs" disabled={isFirstQueued} onClick={(e) => stop(e, () => onMove(-1))} title="Move up in queue" aria-label={`Move ${s.symbol} up`}>
              ▲
            </button>
            <button className="btn btn-xs" disabled={isLastQueued} onClick={(e) => stop(e, () => onMove(1))} title="Move down in queue" aria-label={`Move ${s.symbol} down`}>
              ▼
            </button>
            <button className="btn btn-xs" onClick={(e) => stop(e, onPromote)} data-testid={`promote-${s.symbol}`}>
              Promote
            </button>
          </>
        )}
        {!done && (
          <button className="btn btn-xs btn-danger" onClick={(e) => stop(e, onStop)} data-testid={`stop-${s.symbol}`}>
            Stop
          </button>
        )}
      </td>
    </tr>
  );
}
