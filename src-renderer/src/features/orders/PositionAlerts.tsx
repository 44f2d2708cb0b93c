import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../../src-shared/contract/features/trading';
import { api } from '../../lib/api';
import { haltedMismatches } from './audit-view';
import { acknowledgeMismatch, reattachStop, useTradingStore } from './trading-store';

const shares = (n: number) => (Number.isNaN(n) ? '?' : n > 0 ? `+${n}` : String(n));

/**
 * What needs the trader before trading goes on, above the positions: symbols halted by a reconciliation
 * mismatch (broker vs ledger, acknowledge to lift) and filled entries whose protective stop is gone.
 */
export function PositionAlerts() {
  const status = useTradingStore((s) => s.status);
  const halted = status?.haltedSymbols ?? [];
  const unprotected = status?.unprotected ?? [];
  const [findings, setFindings] = useState<AuditEntry[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const haltedKey = halted.join(',');

  useEffect(() => {
    if (!haltedKey) return;
    let live = true;
    // The finding carries both positions; the newest 500 reconciliation rows hold it unless the log is huge.
    void api.call('audit:list', { kinds: ['reconciliation'], limit: 500 }).then((r) => {
      if (live && r.ok) setFindings(r.value);
    });
    return () => {
      live = false;
    };
  }, [haltedKey]);

  if (halted.length === 0 && unprotected.length === 0) return null;
  const run = async (key: string, f: () => Promise<unknown>) => {
    setBusy(key);
    await f();
    setBusy(null);
  };
  const mismatches = haltedMismatches(halted, findings);

  return (
    <div className="position-alerts" data-testid="position-alerts">
      {mismatches.length > 0 && (
        <div className="position-alert alert-halt" data-testid="mismatch-notice">
          <b>Halted: position mismatch.</b> The broker's position differs from Tapedeck's fill ledger; only cancels and flatten
          go out for {mismatches.length === 1 ? 'this symbol' : 'these symbols'} until you acknowledge (the broker is authoritative).
          <table className="data-table mono">
            <thead>
              <tr>
                <th>Symbol</th><th>Broker</th><th>Ledger</th><th>Difference</th>
              </tr>
            </thead>
            <tbody>
              {mismatches.map((m) => (
                <tr key={m.symbol} data-testid="mismatch-row" data-symbol={m.symbol}>
                  <td>{m.symbol}</td>
                  <td data-testid="mismatch-broker">{shares(m.broker)}</td>
                  <td data-testid="mismatch-ledger">{shares(m.expected)}</td>
                  <td className="down">{shares(m.broker - m.expected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button className="btn btn-xs btn-danger" disabled={busy !== null} onClick={() => void run('ack', acknowledgeMismatch)} data-testid="acknowledge-mismatch">
            Acknowledge
          </button>
        </div>
      )}
      {unprotected.map((u) => (
        <div key={u.intentId} className="position-alert alert-unprotected" data-testid="unprotected-notice" data-intent={u.intentId}>
          <b>Unprotected:</b> {u.symbol} filled entry ({u.intentId}) has no working stop — {u.side} {u.quantity} STP {u.stopPrice}{' '}
          <button className="btn btn-xs btn-danger" disabled={busy !== null} onClick={() => void run(u.intentId, () => reattachStop(u.intentId))} data-testid="reattach-stop">
            Re-attach stop
          </button>
        </div>
      ))}
    </div>
  );
}
