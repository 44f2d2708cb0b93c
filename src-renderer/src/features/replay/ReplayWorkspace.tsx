import { useEffect, useRef } from 'react';
import { AnalysisExport } from './AnalysisExport';
import { AnalysisPanes } from './AnalysisPanes';
import { CandlesPane } from './CandlesPane';
import { HeatmapPane } from './HeatmapPane';
import { ProfileOverlay } from './ProfileOverlay';
import { ReplayLadder } from './ReplayLadder';
import { replayKeyAction } from './replay-keys';
import { bumpSpeed, closeReplay, seekSeq, step, takePendingReplay, togglePlay, useReplayStore } from './replay-store';
import { SessionBrowser } from './SessionBrowser';
import { TapePane } from './TapePane';
import './replay.css';
import { Transport } from './Transport';

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** The Replay tab: the session browser, then the open replay's transport and its views on one playhead. */
export function ReplayWorkspace() {
  const info = useReplayStore((s) => s.info);
  const error = useReplayStore((s) => s.error);
  const heatRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || !useReplayStore.getState().info) return;
      const a = replayKeyAction(e);
      if (!a) return;
      e.preventDefault();
      // A focused button would also take Space as a click on keyup.
      if (e.target instanceof HTMLButtonElement) e.target.blur();
      if (a.do === 'toggle') void togglePlay();
      else if (a.do === 'step') void step(a.kind, a.direction);
      else if (a.do === 'speed') void bumpSpeed(a.direction);
      else if (a.do === 'edge') void seekSeq(a.to === 'start' ? 0 : (useReplayStore.getState().info?.events ?? 0));
      else document.querySelector<HTMLInputElement>('[data-testid="replay-jump"]')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Leaving the tab closes the replay so main frees it.
  useEffect(() => () => void closeReplay(), []);
  // A trip sent from the History tab ("Open in Replay") opens once the tab shows.
  useEffect(() => takePendingReplay(), []);

  return (
    <main className="workspace-replay" data-testid="replay-workspace">
      <SessionBrowser />
      {error && <div className="replay-error text-error">{error}</div>}
      {info ? (
        <>
          <div className="replay-title">
            <span className="sym">{info.symbol}</span> <span className="mono">{info.date}</span>{' '}
            <span className="muted">
              {info.sessions.length} session{info.sessions.length > 1 ? 's' : ''} · {info.events.toLocaleString('en-US')} depth events · {info.trades.toLocaleString('en-US')} trades · keyframes {info.quality.checked}/{info.quality.keyframes} checked
              {info.quality.mismatches > 0 ? ` · ${info.quality.mismatches} mismatches` : ''}
            </span>
            {info.quality.warnings.map((w) => (
              <span key={w} className="replay-warning" data-testid="replay-warning">
                ⚠ {w}
              </span>
            ))}
            <AnalysisExport />
            <button className="btn btn-xs" onClick={() => void closeReplay()} data-testid="replay-close">
              Close
            </button>
          </div>
          <Transport />
          <div className="replay-views">
            <div className="replay-main">
              <div className="replay-heat-wrap" ref={heatRef}>
                <HeatmapPane />
                <ProfileOverlay wrapRef={heatRef} />
              </div>
              <AnalysisPanes />
              <CandlesPane />
            </div>
            <ReplayLadder />
            <TapePane />
          </div>
        </>
      ) : (
        <div className="replay-empty muted">Open a session (or a symbol&apos;s whole day) above to replay it.</div>
      )}
    </main>
  );
}
