import { useEffect, useState } from 'react';
import type { DatabentoCost, DatabentoImportResult, DatabentoProgress, DatabentoStatus } from '../../../../src-shared/contract/features/databento';
import { Panel } from '../../components/Panel';
import { api } from '../../lib/api';
import { costVerdict, progressWords } from './databento-view';

interface Req {
  symbol: string;
  date: string;
  start: string;
  end: string;
  dataset: string;
}

/** DataBento MBP-10 into an ordinary recording (docs/databento.md): key, cost first, confirm, import, progress. */
export function DatabentoPanel({ defaultDate }: { defaultDate: string }) {
  const [status, setStatus] = useState<DatabentoStatus | null>(null);
  const [key, setKey] = useState('');
  const [req, setReq] = useState<Req>({ symbol: '', date: defaultDate, start: '09:00', end: '11:00', dataset: 'XNAS.ITCH' });
  const [maxCost, setMaxCost] = useState(5);
  const [cost, setCost] = useState<DatabentoCost | null>(null);
  const [accept, setAccept] = useState(false);
  const [progress, setProgress] = useState<DatabentoProgress | null>(null);
  const [done, setDone] = useState<DatabentoImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('databento:status').then((r) => r.ok && setStatus(r.value));
    return api.on('databento:progress', setProgress);
  }, []);

  const edit = <K extends keyof Req>(k: K, v: Req[K]) => {
    setReq((r) => ({ ...r, [k]: v }));
    setCost(null);
    setAccept(false);
  };
  const run = async <T,>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, then: (v: T) => void) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    then(r.value);
  };
  const saveKey = (apiKey: string | null) => run(api.call('databento:setKey', { apiKey }), (s) => { setStatus(s); setKey(''); });
  const askCost = () => run(api.call('databento:cost', req), setCost);
  const doImport = () => run(api.call('databento:import', { ...req, maxCost, confirm: accept }), (v) => { setDone(v); setCost(null); setAccept(false); });

  const verdict = cost && costVerdict(cost, maxCost);
  const ready = !!status?.hasKey && req.symbol.trim() !== '';
  return (
    <Panel title="DataBento Level 2 (MBP-10)" className="bf-form-panel" testId="databento-panel">
      <div className="bf-form">
        {status?.hasKey ? (
          <span className="muted" data-testid="db-key-state">
            API key set ({status.protection === 'os' ? 'kept in the OS keychain' : 'kept for this run only: no OS keychain here'})
            <button className="btn btn-xs" onClick={() => void saveKey(null)}>Forget</button>
          </span>
        ) : (
          <label className="field bf-wide"><span>DataBento API key (needed; other features work without it)</span>
            <span style={{ display: 'flex', gap: 6 }}>
              <input className="input" type="password" autoComplete="off" placeholder="db-…" data-testid="db-key" value={key} onChange={(e) => setKey(e.target.value)} />
              <button className="btn" data-testid="db-key-save" disabled={busy || !key.trim()} onClick={() => void saveKey(key.trim())}>Save key</button>
            </span>
          </label>
        )}
      </div>
      <div className="bf-form">
        <label className="field"><span>Symbol</span><input className="input" data-testid="db-symbol" placeholder="AAPL" value={req.symbol} onChange={(e) => edit('symbol', e.target.value.toUpperCase())} /></label>
        <label className="field"><span>Day</span><input className="input" type="date" data-testid="db-date" value={req.date} onChange={(e) => edit('date', e.target.value)} /></label>
        <label className="field"><span>From (ET)</span><input className="input" type="time" data-testid="db-start" value={req.start} onChange={(e) => edit('start', e.target.value)} /></label>
        <label className="field"><span>To (ET)</span><input className="input" type="time" data-testid="db-end" value={req.end} onChange={(e) => edit('end', e.target.value)} /></label>
        <label className="field"><span>Dataset</span><input className="input" data-testid="db-dataset" value={req.dataset} onChange={(e) => edit('dataset', e.target.value.toUpperCase())} /></label>
        <label className="field"><span>Cost limit $</span>
          <input className="input" type="number" min={0} step={1} data-testid="db-max-cost" value={maxCost} onChange={(e) => { setMaxCost(Math.max(0, Number(e.target.value) || 0)); setAccept(false); }} />
        </label>
        <div className="bf-actions">
          <button className="btn" data-testid="db-cost" disabled={busy || !ready} onClick={() => void askCost()}>Check cost</button>
          <button className="btn btn-primary" data-testid="db-import" disabled={busy || !ready || !cost || (verdict?.needsConfirm && !accept)} onClick={() => void doImport()}>Import</button>
        </div>
      </div>
      {verdict && (
        <div className="bf-plan" data-testid="db-verdict" data-needs-confirm={String(verdict.needsConfirm)}>
          <span>{verdict.text}</span>
          {verdict.needsConfirm && (
            <label><input type="checkbox" data-testid="db-accept" checked={accept} onChange={(e) => setAccept(e.target.checked)} /> I accept this cost</label>
          )}
        </div>
      )}
      {progress && <div className="bf-summary" data-testid="db-progress" data-phase={progress.phase}>{progressWords(progress)}</div>}
      {done && (
        <div className="bf-plan" data-testid="db-done">
          Imported {done.records.toLocaleString('en-US')} records ({done.depthRows.toLocaleString('en-US')} depth rows, {done.trades.toLocaleString('en-US')} trades) as session {done.sessionId}: open it in the Replay tab.
        </div>
      )}
      {error && <div className="banner banner-error" role="alert" data-testid="db-error">{error}</div>}
    </Panel>
  );
}
