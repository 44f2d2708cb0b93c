import { useEffect, useState } from 'react';
import type { GatewayDetection, GatewayStatus } from '../../../../src-shared/contract/features/gateway';
import { useNow } from '../../components/use-now';
import { api } from '../../lib/api';
import { gatewayLine, installLabel, isWaiting } from './gateway-view';

/** Installed IB Gateway / TWS found on this machine, a Launch button, and the wait for the API handshake. */
export function GatewayLauncher({ demo }: { demo: boolean }) {
  const [found, setFound] = useState<GatewayDetection | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [status, setStatus] = useState<GatewayStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000, isWaiting(status));

  useEffect(() => {
    const off = api.on('gateway:status', setStatus);
    void api.call('gateway:status').then((r) => r.ok && setStatus((s) => s ?? r.value));
    void api.call('gateway:detect').then((r) => {
      if (!r.ok) return setError(r.error.message);
      setFound(r.value);
      setSelected((s) => s || (r.value.installs[0]?.id ?? ''));
    });
    return off;
  }, []);

  const launch = async () => {
    setError(null);
    const r = await api.call('gateway:launch', { installId: selected });
    if (r.ok) setStatus(r.value);
    else setError(r.error.message);
  };
  const cancel = async () => {
    const r = await api.call('gateway:cancel');
    if (r.ok) setStatus(r.value);
  };

  const line = status ? gatewayLine(status, now) : null;
  const waiting = isWaiting(status);
  return (
    <div className="gateway-launcher" data-testid="gateway-launcher">
      <div className="subhead">IB Gateway / TWS on this computer</div>
      {found && found.installs.length === 0 && (
        <div className="muted" data-testid="gateway-none">
          None found (looked in {found.searched.join(', ') || 'no known place on this system'}).
        </div>
      )}
      {found && found.installs.length > 0 && (
        <div className="form-actions">
          <select className="input" data-testid="gateway-install" value={selected} onChange={(e) => setSelected(e.target.value)} disabled={waiting}>
            {found.installs.map((i) => (
              <option key={i.id} value={i.id} title={i.launcher}>
                {installLabel(i)} — {i.dir}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-primary" data-testid="gateway-launch" disabled={!selected || waiting} onClick={() => void launch()}>
            Launch
          </button>
          {waiting && (
            <button type="button" className="btn" data-testid="gateway-cancel" onClick={() => void cancel()}>
              Stop waiting
            </button>
          )}
        </div>
      )}
      {demo && found && found.installs.length > 0 && <div className="muted">Demo is on: untick Demo and Save to connect to the gateway you launch.</div>}
      {line && line.tone !== 'idle' && (
        <div className={`gateway-status tone-${line.tone}`} data-testid="gateway-status" data-state={status?.state} data-cause={status?.cause ?? ''}>
          <div className={line.tone === 'error' ? 'text-error' : line.tone === 'ok' ? 'text-ok' : ''}>{line.headline}</div>
          <small className="muted">{line.detail}</small>
        </div>
      )}
      {error && (
        <div className="text-error" data-testid="gateway-error">
          {error}
        </div>
      )}
    </div>
  );
}
