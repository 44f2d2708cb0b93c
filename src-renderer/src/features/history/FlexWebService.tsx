import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../../src-shared/contract/calls';
import { api } from '../../lib/api';

type FlexStatus = CallOutput<'history:flexStatus'>;

/**
 * IB's Flex Web Service: the token and query id (sent to main's secret store, never shown again or put in
 * settings), and a button that fetches the statement and imports it. Says where the token is kept.
 */
export function FlexWebService({ onImported, onStatus }: { onImported: () => void; onStatus: (text: string) => void }) {
  const [status, setStatus] = useState<FlexStatus | null>(null);
  const [token, setToken] = useState('');
  const [queryId, setQueryId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.call('history:flexStatus').then((r) => {
      if (!r.ok) return;
      setStatus(r.value);
      setQueryId(r.value.queryId ?? '');
    });
  }, []);

  const save = async (forget = false) => {
    const r = await api.call('history:setFlex', forget ? { token: null, queryId: null } : { ...(token.trim() ? { token: token.trim() } : {}), queryId: queryId.trim() || null });
    if (!r.ok) return onStatus(`Flex settings not saved: ${r.error.message}`);
    setStatus(r.value);
    setToken('');
    if (forget) setQueryId('');
    onStatus(forget ? 'Flex token and query id forgotten.' : 'Flex settings saved.');
  };

  const fetchNow = async () => {
    if (!status?.queryId) return;
    setBusy(true);
    onStatus('Asking IB’s Flex Web Service for the statement… (IB can take a minute)');
    const r = await api.call('history:import', { kind: 'flex-web', queryId: status.queryId });
    setBusy(false);
    onStatus(r.ok ? `Imported ${r.value.inserted} new fills (${r.value.duplicates} already known) from the Flex Web Service.` : `Flex Web Service: ${r.error.message}`);
    if (r.ok) onImported();
  };

  const where = status?.protection === 'os'
    ? 'Encrypted by the OS keychain in the data folder.'
    : 'Kept in memory for this session only (no OS keychain here): enter it again after a restart.';
  return (
    <details className="history-flex" data-testid="history-flex">
      <summary>Flex Web Service {status?.hasToken ? '· token saved' : '· no token'}{status?.queryId ? ` · query ${status.queryId}` : ''}</summary>
      <div className="history-flex-body">
        <input type="password" autoComplete="off" placeholder={status?.hasToken ? 'token saved (type to replace)' : 'Flex token'} value={token} onChange={(e) => setToken(e.target.value)} data-testid="flex-token" aria-label="Flex token" />
        <input placeholder="query id" inputMode="numeric" value={queryId} onChange={(e) => setQueryId(e.target.value)} data-testid="flex-query" aria-label="Flex query id" />
        <button className="btn btn-xs" onClick={() => void save()} data-testid="flex-save">Save</button>
        <button className="btn btn-xs" onClick={() => void save(true)} disabled={!status?.hasToken && !status?.queryId}>Forget</button>
        <button className="btn btn-xs btn-primary" onClick={() => void fetchNow()} disabled={busy || !status?.hasToken || !status?.queryId} data-testid="flex-fetch">Fetch statement</button>
        <span className="muted" data-testid="flex-protection">{status ? where : ''}</span>
      </div>
    </details>
  );
}
