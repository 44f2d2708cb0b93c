import type { GridApi, GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScannerRow } from '../../../../src-shared/contract/features/scanner';
import { useAppStore } from '../../app/app-store';
import { registerCommand } from '../../app/commands';
import { useFocusStore } from '../../app/focus-store';
import { Panel } from '../../components/Panel';
import { multiRowSelection } from '../../components/grid-selection';
import { gridDefaults, gridTheme } from '../../components/grid-theme';
import { persistUi } from '../settings/settings-actions';
import { scannerColumns } from './scanner-columns';
import { startScannerFeed } from './scanner-feed';
import { useScannerStore } from './scanner-store';
import { ScannerStatus, ScannerToolbar } from './ScannerToolbar';
import { startSymbols } from './start-selected';

const getRowId = (p: { data: ScannerRow }) => p.data.symbol;
const selectionColumnDef = { pinned: 'left', width: 32, suppressHeaderMenuButton: true } as const;
const defaultColDef = { sortable: true, resizable: true, suppressHeaderMenuButton: true };

export function ScannerPanel() {
  const gridRef = useRef<GridApi<ScannerRow> | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const [filter, setFilter] = useState(() => {
    const saved = useAppStore.getState().settings?.ui.scannerFilter;
    return typeof saved === 'string' ? saved : '';
  });
  const error = useScannerStore((s) => s.error);
  const loaded = useScannerStore((s) => s.loaded);
  const setFocus = useFocusStore((s) => s.setSymbol);
  const cleanup = useRef<(() => void) | null>(null);

  const startSelected = useCallback(() => {
    const symbols = gridRef.current?.getSelectedRows().map((r) => r.symbol) ?? [];
    void startSymbols(symbols);
  }, []);

  useEffect(() => {
    const offs = [
      registerCommand('scanner.focusFilter', () => filterRef.current?.focus()),
      registerCommand('scanner.startSelected', startSelected),
      registerCommand('scanner.clearSelection', () => gridRef.current?.deselectAll()),
    ];
    return () => offs.forEach((off) => off());
  }, [startSelected]);

  const onGridReady = useCallback((e: GridReadyEvent<ScannerRow>) => {
    gridRef.current = e.api;
    const saved = useAppStore.getState().settings?.ui.scannerColumns;
    if (Array.isArray(saved)) e.api.applyColumnState({ state: saved, applyOrder: true });
    cleanup.current?.();
    cleanup.current = startScannerFeed(e.api);
  }, []);

  const saveColumns = useCallback(() => {
    if (gridRef.current) persistUi('scannerColumns', gridRef.current.getColumnState());
  }, []);

  const onFilter = (text: string) => {
    setFilter(text);
    persistUi('scannerFilter', text);
  };

  return (
    <Panel title="Scanner" className="panel-scanner" actions={<ScannerStatus />}>
      <ScannerToolbar filter={filter} onFilter={onFilter} onStart={startSelected} filterRef={filterRef} />
      {error && (
        <div className="banner banner-error" data-testid="scanner-error" role="alert">
          Scanner: {error}
        </div>
      )}
      <div className="grid-host" data-testid="scanner-grid">
        <AgGridReact<ScannerRow>
          theme={gridTheme}
          columnDefs={scannerColumns}
          defaultColDef={defaultColDef}
          getRowId={getRowId}
          rowSelection={multiRowSelection}
          selectionColumnDef={selectionColumnDef}
          loading={!loaded}
          {...gridDefaults}
          overlayNoRowsTemplate="No scanner rows yet: the scan fills in once the gateway answers."
          quickFilterText={filter}
          tooltipShowDelay={300}
          asyncTransactionWaitMillis={50}
          onGridReady={onGridReady}
          onGridPreDestroyed={() => {
            // Tied to the grid's lifetime, not an effect's, so StrictMode re-runs cannot cut the feed.
            cleanup.current?.();
            cleanup.current = null;
            gridRef.current = null;
          }}
          onSelectionChanged={(e) => useScannerStore.setState({ selected: e.api.getSelectedRows().map((r) => r.symbol) })}
          onCellFocused={(e) => {
            const node = e.rowIndex != null ? e.api.getDisplayedRowAtIndex(e.rowIndex) : undefined;
            if (node?.data) setFocus(node.data.symbol);
          }}
          onRowClicked={(e) => e.data && setFocus(e.data.symbol)}
          onSortChanged={saveColumns}
          onColumnMoved={(e) => e.finished && saveColumns()}
          onColumnResized={(e) => e.finished && saveColumns()}
          onColumnVisible={saveColumns}
          onColumnPinned={saveColumns}
        />
      </div>
    </Panel>
  );
}
