import { SymbolBox } from '../features/instrument/SymbolBox';

export type WorkspaceTab = 'live' | 'replay' | 'orders' | 'history' | 'backfill' | 'reports' | 'research';

const TABS: { id: WorkspaceTab; label: string; planned: boolean }[] = [
  { id: 'live', label: 'Live', planned: false },
  { id: 'replay', label: 'Replay', planned: false },
  { id: 'orders', label: 'Orders', planned: false },
  { id: 'history', label: 'History', planned: false },
  { id: 'backfill', label: 'Backfill', planned: false },
  { id: 'reports', label: 'Reports', planned: false },
  { id: 'research', label: 'Research', planned: false },
];

interface TabBarProps {
  tab: WorkspaceTab;
  onTab(tab: WorkspaceTab): void;
  onConnection(): void;
  onHelp(): void;
}

export function TabBar({ tab, onTab, onConnection, onHelp }: TabBarProps) {
  return (
    <nav className="tab-bar" role="tablist">
      <span className="brand">TAPEDECK</span>
      {TABS.map((t) => (
        <button
          key={t.id}
          role="tab"
          aria-selected={tab === t.id}
          className={`tab ${tab === t.id ? 'tab-active' : ''}`}
          data-testid={`tab-${t.id}`}
          onClick={() => onTab(t.id)}
        >
          {t.label}
          {t.planned && <span className="soon">soon</span>}
        </button>
      ))}
      <SymbolBox />
      <span className="sb-spacer" />
      <button className="btn btn-ghost" data-testid="open-connection" onClick={onConnection}>
        Connection…
      </button>
      <button className="btn btn-ghost" data-testid="open-shortcuts" onClick={onHelp} title="Keyboard shortcuts (?)">
        ?
      </button>
    </nav>
  );
}
