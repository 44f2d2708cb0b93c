import { useEffect } from 'react';
import { bootApp, useAppStore } from './app-store';
import { Workstation } from './Workstation';

let booted = false;

/** Boot gate: the e2e harness waits on #root's data-app-state, so it mirrors the boot phase. */
export function App() {
  const phase = useAppStore((s) => s.phase);
  const error = useAppStore((s) => s.error);

  useEffect(() => {
    // StrictMode runs effects twice in development; boot once per page.
    if (booted) return;
    booted = true;
    void bootApp();
  }, []);

  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', phase);
  }, [phase]);

  if (phase === 'loading') {
    return (
      <div className="splash" data-testid="splash">
        <div className="splash-title">Tapedeck</div>
        <div className="muted">Loading workstation…</div>
      </div>
    );
  }
  if (phase === 'error') {
    return (
      <div className="splash" data-testid="app-error">
        <div className="splash-title">Tapedeck could not start</div>
        <div className="text-error" role="alert">
          {error}
        </div>
        <button className="btn btn-primary" data-testid="retry" onClick={() => void bootApp()}>
          Retry
        </button>
      </div>
    );
  }
  return <Workstation />;
}
