import { useEffect, useMemo, useState } from 'react';
import { AUDIT_KINDS, type AuditEntry, type AuditKind } from '../../../../src-shared/contract/features/trading';
import { api } from '../../lib/api';
import { fmtEtTime } from '../../lib/et-time';
import { auditCsv, auditJson, exportFileName, filterAudit } from './audit-view';
import { useTradingStore } from './trading-store';

/** AuditQuery's maximum page. */
const EXPORT_LIMIT = 5000;

/** Saves text as a file through the browser's download (Electron asks where). */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The append-only audit log, newest first, filtered by kind and symbol in the main process and by free text
 * here; export saves the same filters over up to 5000 rows.
 */
export function AuditLog() {
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [symbol, setSymbol] = useState('');
  const [text, setText] = useState('');
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Orders and status changes are audited, and so is every action that ends in a notice (a refusal changes
  // neither orders nor status): reload when any of them moves.
  const orders = useTradingStore((s) => s.orders);
  const status = useTradingStore((s) => s.status);
  const notice = useTradingStore((s) => s.notice);

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
  }, [kind, symbol, orders, status, notice, nonce]);
  const shown = useMemo(() => filterAudit(rows, text), [rows, text]);

  // The view shows the newest 300; an export reads up to main's page maximum with the same filters.
  const exportAs = async (ext: 'csv' | 'json') => {
    const sym = symbol.trim().toUpperCase();
    const r = await api.call('audit:list', { limit: EXPORT_LIMIT, ...(kind ? { kinds: [kind] } : {}), ...(sym ? { symbol: sym } : {}) });
    if (!r.ok) return setError(r.error.message);
    const all = filterAudit(r.value, text);
    download(exportFileName(Date.now(), ext), ext === 'csv' ? 'text/csv' : 'application/json', ext === 'csv' ? auditCsv(all) : auditJson(all));
  };

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
        <input className="input" placeholder="text (all words)" value={text} onChange={(e) => setText(e.target.value)} data-testid="audit-text" />
        <button className="btn btn-xs" onClick={() => setNonce((n) => n + 1)}>
          Refresh
        </button>
        <span className="muted" data-testid="audit-count">
          {shown.length}/{rows.length}
        </span>
        <button className="btn btn-xs" disabled={shown.length === 0} onClick={() => void exportAs('csv')} data-testid="audit-export-csv">
          CSV
        </button>
        <button className="btn btn-xs" disabled={shown.length === 0} onClick={() => void exportAs('json')} data-testid="audit-export-json">
          JSON
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
          {shown.map((r) => (
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
