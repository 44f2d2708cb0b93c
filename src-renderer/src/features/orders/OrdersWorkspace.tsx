import { useEffect, useState } from 'react';
import { Panel } from '../../components/Panel';
import { ArmDialog } from './ArmControl';
import { AuditLog } from './AuditLog';
import { HotkeySettings } from './HotkeySettings';
import { OrderPanel } from './OrderPanel';
import { OrdersTable, PositionsTable } from './OrderTables';
import { PositionAlerts } from './PositionAlerts';
import { RiskLimitsEditor } from './RiskLimitsEditor';
import { cancelAll, flattenAll, startTrading, useTradingStore } from './trading-store';

/** The Orders tab: the ticket and arm controls on the left, orders, positions and the audit log on the right. */
export function OrdersWorkspace() {
  const status = useTradingStore((s) => s.status);
  const notice = useTradingStore((s) => s.notice);
  const [arming, setArming] = useState(false);
  const [side, setSide] = useState<'audit' | 'hotkeys'>('audit');
  useEffect(() => startTrading(), []);

  const head = (
    <>
      <span className={`badge trading-${status?.state ?? 'disarmed'}`}>{status?.state ?? '—'}</span>
      <button className="btn btn-xs" onClick={() => setArming(true)} data-testid="orders-arm">
        Arm / disarm…
      </button>
    </>
  );
  const bulk = (
    <>
      <button className="btn btn-xs btn-danger" onClick={() => void cancelAll()} data-testid="cancel-all">
        Cancel all
      </button>
      <button className="btn btn-xs btn-danger" onClick={() => void flattenAll()} data-testid="flatten-all">
        Flatten all
      </button>
    </>
  );

  return (
    <main className="workspace-orders" data-testid="orders-workspace">
      <div className="orders-left">
        <Panel title="Order ticket" actions={head} testId="order-ticket">
          <p className="muted orders-reason" data-testid="trading-reason">
            {status ? `${status.mode} · ${status.account ?? 'no account'} · ${status.reason}` : 'loading…'}
          </p>
          <OrderPanel />
          {notice && (
            <p className={`trading-notice lvl-${notice.level}`} data-testid="trading-notice">
              {notice.message}
            </p>
          )}
        </Panel>
        <Panel title="Risk limits" className="panel-limits" testId="limits-panel">
          <RiskLimitsEditor />
        </Panel>
      </div>
      <div className="orders-right">
        <Panel title="Orders" actions={bulk} testId="orders-panel">
          <OrdersTable />
        </Panel>
        <Panel title="Positions" testId="positions-panel">
          <PositionAlerts />
          <PositionsTable />
        </Panel>
        <Panel
          title={side === 'audit' ? 'Audit log' : 'Hotkeys'}
          actions={
            <button className="btn btn-xs" onClick={() => setSide(side === 'audit' ? 'hotkeys' : 'audit')} data-testid="toggle-hotkeys">
              {side === 'audit' ? 'Hotkeys…' : 'Audit log'}
            </button>
          }
          testId="audit-panel"
        >
          {side === 'audit' ? <AuditLog /> : <HotkeySettings />}
        </Panel>
      </div>
      {arming && <ArmDialog onClose={() => setArming(false)} />}
    </main>
  );
}
