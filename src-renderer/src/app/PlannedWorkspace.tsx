import { ComingSoon } from '../components/ComingSoon';
import type { WorkspaceTab } from './TabBar';

const PLANNED: Record<Exclude<WorkspaceTab, 'live'>, { name: string; what: string }> = {
  replay: { name: 'Replay', what: 'Visual replay and order-flow analysis of recorded sessions.' },
  orders: { name: 'Orders', what: 'An order panel that trades only when armed and within your risk limits.' },
  history: { name: 'History', what: 'The trade journal: fills, round trips and P&L from the SQLite history.' },
  backfill: { name: 'Backfill', what: 'Pacing-safe historical bar backfill with a progress manifest.' },
  reports: { name: 'Reports', what: 'One-click daily reports in Markdown, CSV, HTML and PDF.' },
};

export function PlannedWorkspace({ tab }: { tab: Exclude<WorkspaceTab, 'live'> }) {
  const p = PLANNED[tab];
  return (
    <main className="workspace-planned">
      <ComingSoon feature={p.name} what={p.what} />
    </main>
  );
}
