import { useEffect, useState } from 'react';
import { fmtBytes, fmtInt } from '../../lib/format';
import { fmtEtTime } from '../../lib/et-time';
import { loadSessions, openReplay, useReplayStore } from './replay-store';
import { qualityCell } from '../recorder/recorder-logic';

/** Recorded sessions from the catalog, filtered by symbol and date; open one or a symbol's whole day. */
export function SessionBrowser() {
  const sessions = useReplayStore((s) => s.sessions);
  const error = useReplayStore((s) => s.sessionsError);
  const filter = useReplayStore((s) => s.filter);
  const [folder, setFolder] = useState('');
  const openId = useReplayStore((s) => s.info?.sessions.map((x) => x.sessionId).join(',') ?? '');

  useEffect(() => {
    void loadSessions();
  }, [filter]);

  const setFilter = (patch: Partial<typeof filter>) => useReplayStore.setState({ filter: { ...filter, ...patch } });

  return (
    <div className="replay-browser" data-testid="replay-browser">
      <div className="replay-browser-bar">
        <input placeholder="Symbol" value={filter.symbol} onChange={(e) => setFilter({ symbol: e.target.value })} data-testid="replay-filter-symbol" />
        <input type="date" value={filter.date} onChange={(e) => setFilter({ date: e.target.value })} data-testid="replay-filter-date" />
        <button className="btn btn-xs" onClick={() => void loadSessions()} data-testid="replay-refresh">
          Refresh
        </button>
        <span className="sb-spacer" />
        <input className="replay-folder mono" placeholder="/absolute/path/to/session folder" value={folder} onChange={(e) => setFolder(e.target.value)} data-testid="replay-folder" />
        <button className="btn btn-xs" disabled={!folder.trim()} onClick={() => void openReplay({ path: folder.trim() })} title="Open a session folder (holding session.json) from disk">
          Open folder
        </button>
        {error && <span className="text-error">{error}</span>}
      </div>
      <div className="replay-browser-table">
        <table className="data-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Date</th>
              <th>Start–stop ET</th>
              <th>Messages</th>
              <th>Size</th>
              <th>Gaps</th>
              <th>Markers</th>
              <th>Quality</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sessions.length === 0 && (
              <tr>
                <td className="empty" colSpan={9}>
                  No recorded sessions{filter.symbol || filter.date ? ' match the filter' : ' yet: record a name from the Live tab'}.
                </td>
              </tr>
            )}
            {sessions.map((s) => (
              <tr key={s.sessionId} data-testid={`replay-session-${s.sessionId}`} data-symbol={s.symbol} className={openId.split(',').includes(s.sessionId) ? 'row-selected' : ''} onDoubleClick={() => void openReplay({ sessionId: s.sessionId })}>
                <td className="sym">{s.symbol}</td>
                <td className="mono">{s.date}</td>
                <td className="mono">
                  {fmtEtTime(s.startedAt)}–{s.stoppedAt === null ? 'recording' : fmtEtTime(s.stoppedAt)}
                </td>
                <td className="num">{fmtInt(s.depthMessages + s.tickMessages)}</td>
                <td className="num">{fmtBytes(s.bytes)}</td>
                <td className="num">{s.gaps}</td>
                <td className="num">{s.markers}</td>
                <td className="reason" title={[s.quality ? qualityCell(s.quality).title : NO_SCORE, s.error].filter(Boolean).join('\n')} data-testid={`replay-quality-${s.sessionId}`} data-score={s.quality?.score ?? ''}>
                  {s.quality && <b style={{ color: QUALITY_TONE[qualityCell(s.quality).tone] }}>{Math.round(s.quality.score)}</b>} {qualityText(s)}
                </td>
                <td>
                  <button className="btn btn-xs" onClick={() => void openReplay({ sessionId: s.sessionId })} data-testid={`replay-open-${s.sessionId}`}>
                    Open
                  </button>{' '}
                  <button className="btn btn-xs" title={`Every ${s.symbol} session of ${s.date}, in order`} onClick={() => void openReplay({ day: { symbol: s.symbol, date: s.date } })}>
                    Day
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const NO_SCORE = 'No live score was kept for this session (recorded before scores were, converted, or crash-repaired); its analysis export has one.';
const QUALITY_TONE = { good: 'var(--up)', fair: 'var(--warn)', poor: 'var(--down)', none: 'var(--muted)' } as const;

function qualityText(s: { repaired: boolean; error: string | null; gaps: number; stoppedAt: number | null }): string {
  const notes = [s.error, s.repaired ? 'crash-repaired' : null, s.gaps > 0 ? `${s.gaps} gap${s.gaps > 1 ? 's' : ''}` : null, s.stoppedAt === null ? 'still recording' : null];
  return notes.filter(Boolean).join(' · ') || 'ok';
}
