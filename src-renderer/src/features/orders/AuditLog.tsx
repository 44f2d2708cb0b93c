import { useEffect, useState } from 'react';
import { AUDIT_KINDS, type AuditEntry, type AuditKind } from '../../../../src-shared/contract/features/trading';
import { api } from '../../lib/api';
import { fmtEtTime } from '../../lib/et-time';
import { useTradingStore } from './trading-store';

/** The append-only audit log, newest first, filtered by kind and symbol in the main process. */
export function AuditLog() {
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [symbol, setSymbol] = useState('');
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Orders and status changes are audited: reload when either moves.
  const orders = useTradingStore((s) => s.orders);
  const status = useTradingStore((s) => s.status);

  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    const sym = symbol.trim().toUpperCase();
    void api.call('audit:list', { limit: 300, ...(kind ? { kinds: [kind] } : {}), ...(sym ? { symbol: sym } : {}) }).then((r) => {
      if (!live) return;
      setError(r.ok ? null : r.error.message);
      if (r.ok) setRows(r.value);
    });
    return () => {
      live = false;
    };
  }, [kind, symbol, orders, status, nonce]);

  return (
    <div className="audit-log" data-testid="audit-log">
      <div className="audit-filters">
        <select className="input" value={kind} onChange={(e) => setKind(e.target.value as AuditKind | '')} data-testid="audit-kind">
          <option value="">all kinds</option>
          {AUDIT_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <input className="input mono" placeholder="symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} data-testid="audit-symbol" />
        <button className="btn btn-xs" onClick={() => setNonce((n) => n + 1)}>
          Refresh
        </button>
        {error && <span className="down">{error}</span>}
      </div>
      <table className="data-table mono">
        <thead>
          <tr>
            <th>Seq</th><th>Time ET</th><th>Kind</th><th>Symbol</th><th>Rule</th><th>Intent</th><th>Message</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} data-testid="audit-row" data-kind={r.kind}>
              <td>{r.seq}</td>
              <td>{fmtEtTime(r.ts)}</td>
              <td>{r.kind}</td>
              <td>{r.symbol ?? ''}</td>
              <td className={r.rule ? 'down' : ''}>{r.rule ?? ''}</td>
              <td>{r.intentId ?? ''}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
