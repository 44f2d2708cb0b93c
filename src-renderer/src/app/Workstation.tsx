import { useCallback, useMemo, useState } from 'react';
import { ChartPanel } from '../features/chart/ChartPanel';
import { ConnectionDialog } from '../features/connection/ConnectionDialog';
import { LadderPanel } from '../features/ladder/LadderPanel';
import { RecorderPanel } from '../features/recorder/RecorderPanel';
import { ScannerPanel } from '../features/scanner/ScannerPanel';
import { ShortcutHelp } from './ShortcutHelp';
import { StatusBar } from './StatusBar';
import { TabBar, type WorkspaceTab } from './TabBar';
import { PlannedWorkspace } from './PlannedWorkspace';
import { useShortcuts } from './use-shortcuts';

/** The trading shell: tabs on top, the live workspace, the status bar at the bottom. */
export function Workstation() {
  const [tab, setTab] = useState<WorkspaceTab>('live');
  const [help, setHelp] = useState(false);
  const [connection, setConnection] = useState(false);

  const closeOverlays = useCallback(() => {
    if (!help && !connection) return false;
    setHelp(false);
    setConnection(false);
    return true;
  }, [help, connection]);
  const shortcuts = useMemo(() => ({ toggleHelp: () => setHelp((h) => !h), closeOverlays }), [closeOverlays]);
  useShortcuts(shortcuts);

  return (
    <div className="shell">
      <TabBar tab={tab} onTab={setTab} onConnection={() => setConnection(true)} onHelp={() => setHelp(true)} />
      {/* The live workspace stays mounted under other tabs so its streams and grid state survive. */}
      <main className="workspace-live" hidden={tab !== 'live'}>
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
      </main>
      {tab !== 'live' && <PlannedWorkspace tab={tab} />}
      <StatusBar onOpenConnection={() => setConnection(true)} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {connection && <ConnectionDialog onClose={() => setConnection(false)} />}
    </div>
  );
}
