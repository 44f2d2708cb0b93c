import type { BrokerStatus } from '../../../../src-shared/contract/features/broker';
import { fmtEtTime } from '../../lib/et-time';

/** Read-only connection facts: state, server version, accounts, farms and the last errors. */
export function BrokerDetails({ b }: { b: BrokerStatus }) {
  return (
    <div className="broker-details">
      <table className="kv-table">
        <tbody>
          <tr>
            <td>State</td>
            <td data-testid="connection-state" className={`state-${b.state}`}>
              {b.state}
              {b.reason ? ` — ${b.reason}` : ''}
            </td>
          </tr>
          <tr>
            <td>Server version</td>
            <td className="mono">{b.serverVersion ?? '—'}</td>
          </tr>
          <tr>
            <td>Accounts</td>
            <td className="mono">{b.accounts.join(', ') || '—'} ({b.mode})</td>
          </tr>
          {b.modeMismatch && (
            <tr>
              <td>Mode</td>
              <td className="text-error" data-testid="details-mode-mismatch">
                {b.modeMismatch}
              </td>
            </tr>
          )}
          <tr>
            <td>Connected at</td>
            <td className="mono">{b.connectedAt ? `${fmtEtTime(b.connectedAt)} ET` : '—'}</td>
          </tr>
          <tr>
            <td>Farms</td>
            <td>
              {b.farms.length === 0 && '—'}
              {b.farms.map((f) => (
                <span key={`${f.kind}:${f.name}`} className={`badge ${f.ok ? 'badge-ok' : 'badge-bad'}`} title={f.kind}>
                  {f.name} {f.ok ? 'OK' : 'DOWN'}
                </span>
              ))}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="subhead">Last errors</div>
      <ul className="error-list" data-testid="broker-errors">
        {b.lastErrors.length === 0 && <li className="muted">None</li>}
        {[...b.lastErrors].reverse().map((e, i) => (
          <li key={`${e.ts}-${i}`} className={`lvl-${e.level}`}>
            <span className="mono">{fmtEtTime(e.ts)}</span> {e.ibCode !== undefined && <span className="mono">[{e.ibCode}]</span>} {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
