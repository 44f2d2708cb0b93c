import { fmtEtTime } from '../../lib/et-time';
import { cancelOrder, useTradingStore } from './trading-store';

const px = (v: number | null) => (v === null ? '' : v.toFixed(v < 1 ? 4 : 2));
const pnlClass = (v: number | null) => (v === null || v === 0 ? '' : v > 0 ? 'up' : 'down');

/** Working orders first, then today's finished ones; external orders are shown but cannot be cancelled here. */
export function OrdersTable() {
  const orders = useTradingStore((s) => s.orders);
  const rows = [...orders].sort((a, b) => Number(b.working) - Number(a.working) || b.updatedAt - a.updatedAt);
  return (
    <table className="data-table mono" data-testid="orders-table">
      <thead>
        <tr>
          <th>#</th><th>Time</th><th>Symbol</th><th>Side</th><th>Qty</th><th>Type</th><th>Limit</th><th>Stop</th><th>TIF</th><th>Role</th><th>Status</th><th>Filled</th><th>Avg</th><th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.clientId}-${r.orderId}-${r.permId ?? ''}`} data-testid="order-row" data-order-id={r.orderId} data-role={r.role} data-status={r.status} data-working={String(r.working)} data-external={String(r.external)} className={r.external ? 'row-external' : ''}>
            <td>{r.orderId}</td>
            <td>{fmtEtTime(r.updatedAt)}</td>
            <td>{r.symbol}</td>
            <td className={r.side === 'BUY' ? 'up' : 'down'}>{r.side}</td>
            <td>{r.quantity}</td>
            <td>{r.type}</td>
            <td>{px(r.limitPrice)}</td>
            <td>{px(r.stopPrice)}</td>
            <td>{r.tif}</td>
            <td>{r.external ? `external (client ${r.clientId})` : r.role}</td>
            <td>{r.status}</td>
            <td>{r.filled}</td>
            <td>{px(r.avgFillPrice)}</td>
            <td>
              {r.working && !r.external && (
                <button className="btn btn-xs btn-danger" onClick={() => void cancelOrder(r.orderId)} data-testid="order-cancel" title="Cancel this order">
                  ×
                </button>
              )}
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={14} className="muted">No orders today.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function PositionsTable() {
  const positions = useTradingStore((s) => s.positions);
  const status = useTradingStore((s) => s.status);
  return (
    <table className="data-table mono" data-testid="positions-table">
      <thead>
        <tr>
          <th>Symbol</th><th>Position</th><th>Avg cost</th><th>Market</th><th>Unrealized P&amp;L</th>
        </tr>
      </thead>
      <tbody>
        {positions.map((p) => (
          <tr key={`${p.account}-${p.symbol}`} data-testid="position-row" data-symbol={p.symbol} data-position={p.position}>
            <td>{p.symbol}</td>
            <td className={p.position > 0 ? 'up' : p.position < 0 ? 'down' : 'muted'}>{p.position}</td>
            <td>{p.position ? px(p.avgCost) : ''}</td>
            <td>{px(p.marketPrice)}</td>
            <td className={pnlClass(p.unrealizedPnl)}>{p.unrealizedPnl === null ? '' : p.unrealizedPnl.toFixed(2)}</td>
          </tr>
        ))}
        {positions.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">No positions.</td>
          </tr>
        )}
      </tbody>
      {status && (
        <tfoot>
          <tr data-testid="pnl-row">
            <td colSpan={2}>Daily P&amp;L</td>
            <td className={pnlClass(status.dailyPnl)}>{status.dailyPnl?.toFixed(2) ?? '—'}</td>
            <td>realized {status.realizedPnl?.toFixed(2) ?? '—'}</td>
            <td>unrealized {status.unrealizedPnl?.toFixed(2) ?? '—'}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
