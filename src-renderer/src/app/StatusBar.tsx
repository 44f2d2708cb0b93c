import type { BrokerStatus } from '../../../src-shared/contract/features/broker';
import { useNow } from '../components/use-now';
import { retryCountdownText } from '../lib/countdown';
import { fmtEtTime } from '../lib/et-time';
import { ArmedBadge } from '../features/orders/ArmControl';
import { useAppStore } from './app-store';

function gatewayText(b: BrokerStatus, now: number): string {
  switch (b.state) {
    case 'reconnecting':
      return `reconnecting (attempt ${b.attempt}, ${retryCountdownText(b.nextRetryAt, now)})${b.reason ? ` — ${b.reason}` : ''}`;
    case 'failed':
      return `failed — ${b.reason ?? 'no reason given'}`;
    case 'degraded':
      return `degraded${b.reason ? ` — ${b.reason}` : ''}`;
    default:
      return b.state;
  }
}

/** One line at the bottom: gateway state, endpoint, account, mode and the live order-entry state (armed or not, mode, account). */
export function StatusBar({ onOpenConnection }: { onOpenConnection(): void }) {
  const broker = useAppStore((s) => s.broker);
  const info = useAppStore((s) => s.info);
  const notice = useAppStore((s) => s.notices[s.notices.length - 1]);
  const now = useNow(1000, broker?.state === 'reconnecting');
  if (!broker) return <footer className="status-bar" data-testid="status-bar" />;
  const mode = broker.mode === 'unknown' ? '—' : broker.mode.toUpperCase();
  return (
    <footer className="status-bar" data-testid="status-bar">
      <button
        className={`sb-item sb-gateway state-${broker.state}`}
        data-testid="gateway-state"
        data-state={broker.state}
        onClick={onOpenConnection}
        title="Connection settings"
      >
        <span className="dot" /> Gateway: {gatewayText(broker, now)}
      </button>
      <span className="sb-item mono" data-testid="gateway-endpoint">
        {broker.host}:{broker.port} · id {broker.clientId}
      </span>
      {broker.demo && (
        <span className="badge badge-demo" data-testid="demo-badge">
          DEMO
        </span>
      )}
      <span className="sb-item" data-testid="accounts">
        {broker.accounts.length ? broker.accounts.join(', ') : 'no account'}
      </span>
      <span className={`badge badge-mode mode-${broker.mode}`} data-testid="account-mode" data-mode={broker.mode}>
        {mode}
      </span>
      {broker.modeMismatch && (
        <span className="badge badge-mismatch" data-testid="mode-mismatch" title={broker.modeMismatch}>
          MODE MISMATCH: {broker.modeMismatch}
        </span>
      )}
      <ArmedBadge />
      <span className="sb-spacer" />
      {notice && (
        <span className={`sb-item sb-notice lvl-${notice.level}`} data-testid="app-notice" title={`${fmtEtTime(notice.ts)} ET · ${notice.feature}`}>
          {notice.feature}: {notice.message}
        </span>
      )}
      {info && (
        <span className="sb-item muted">
          Tapedeck {info.version} · {info.carrier}
        </span>
      )}
    </footer>
  );
}
