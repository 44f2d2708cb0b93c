import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Gutter } from '../components/Gutter';
import { ChartPanel } from '../features/chart/ChartPanel';
import { BackfillWorkspace } from '../features/backfill/BackfillWorkspace';
import { ResearchWorkspace } from '../features/research/ResearchWorkspace';
import { ConnectionDialog } from '../features/connection/ConnectionDialog';
import { HistoryWorkspace } from '../features/history/HistoryWorkspace';
import { LadderPanel } from '../features/ladder/LadderPanel';
import { OrdersWorkspace } from '../features/orders/OrdersWorkspace';
import { useOrderHotkeys } from '../features/orders/use-order-hotkeys';
import { RecorderPanel } from '../features/recorder/RecorderPanel';
import { ReplayWorkspace } from '../features/replay/ReplayWorkspace';
import { ScannerPanel } from '../features/scanner/ScannerPanel';
import { ShortcutHelp } from './ShortcutHelp';
import { StatusBar } from './StatusBar';
import { TabBar, type WorkspaceTab } from './TabBar';
import { useShortcuts } from './use-shortcuts';
import { persistUi } from '../features/settings/settings-actions';
import { useAppStore } from './app-store';
import { dragColumn, dragRow, gridTracks, readLayout, type WorkspaceLayout } from './layout-model';

/** The trading shell: tabs on top, the live workspace, the status bar at the bottom. */
export function Workstation() {
  const [tab, setTab] = useState<WorkspaceTab>('live');
  const [help, setHelp] = useState(false);
  const [connection, setConnection] = useState(false);
  const [layout, setLayout] = useState<WorkspaceLayout>(() => readLayout(useAppStore.getState().settings?.ui.layout));
  const mainRef = useRef<HTMLElement>(null);
  const size = () => mainRef.current?.getBoundingClientRect() ?? { width: 1, height: 1 };
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);
  const saveLayout = () => persistUi('layout', layoutRef.current);
  const tracks = gridTracks(layout);

  const closeOverlays = useCallback(() => {
    if (!help && !connection) return false;
    setHelp(false);
    setConnection(false);
    return true;
  }, [help, connection]);
  const shortcuts = useMemo(() => ({ toggleHelp: () => setHelp((h) => !h), closeOverlays }), [closeOverlays]);
  useShortcuts(shortcuts);
  useOrderHotkeys();

  return (
    <div className="shell">
      <TabBar tab={tab} onTab={setTab} onConnection={() => setConnection(true)} onHelp={() => setHelp(true)} />
      {/* The live workspace stays mounted under other tabs so its streams and grid state survive. */}
      <main
        className="workspace-live"
        hidden={tab !== 'live'}
        ref={mainRef}
        style={{ gridTemplateColumns: tracks.columns, gridTemplateRows: tracks.rows }}
      >
        <div className="area-scanner">
          <ScannerPanel />
        </div>
        <div className="area-chart">
          <ChartPanel />
        </div>
        <div className="area-ladder">
          <LadderPanel />
        </div>
        <div className="area-recorder">
          <RecorderPanel />
        </div>
        <Gutter axis="x" area="g1" label="Resize scanner and chart" onDrag={(d) => setLayout((l) => dragColumn(l, 'scanner|chart', d, size().width))} onDone={saveLayout} />
        <Gutter axis="x" area="g2" label="Resize chart and ladder" onDrag={(d) => setLayout((l) => dragColumn(l, 'chart|ladder', d, size().width))} onDone={saveLayout} />
        <Gutter axis="y" area="g3" label="Resize recorder" onDrag={(d) => setLayout((l) => dragRow(l, d, size().height))} onDone={saveLayout} />
      </main>
      {(tab === 'history' || tab === 'reports') && <HistoryWorkspace onOpenReplay={() => setTab('replay')} />}
      {tab === 'replay' && <ReplayWorkspace />}
      {tab === 'orders' && <OrdersWorkspace />}
      {tab === 'backfill' && <BackfillWorkspace />}
      {tab === 'research' && <ResearchWorkspace />}
      <StatusBar onOpenConnection={() => setConnection(true)} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {connection && <ConnectionDialog onClose={() => setConnection(false)} />}
    </div>
  );
}
