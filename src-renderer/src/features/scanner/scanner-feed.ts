import type { GridApi } from 'ag-grid-community';
import type { ScannerDelta, ScannerRow } from '../../../../src-shared/contract/features/scanner';
import { useAppStore } from '../../app/app-store';
import { api } from '../../lib/api';
import { appNow } from '../../lib/app-clock';
import { beep } from './alert-beep';
import { mergeScannerDelta, replaceScannerRows, type RowTransaction } from './scanner-merge';
import { useScannerStore } from './scanner-store';

const hasChanges = (tx: RowTransaction) => tx.add.length + tx.update.length + tx.remove.length > 0;

/**
 * Feeds the grid: the snapshot first, then every delta as an async transaction (AG Grid batches
 * them per frame). Deltas arriving before the snapshot are held and applied after it.
 * Returns the cleanup for the grid's lifetime.
 */
export function startScannerFeed(grid: GridApi<ScannerRow>): () => void {
  const rows = new Map<string, ScannerRow>();
  let held: ScannerDelta[] | null = [];
  let disposed = false;

  const apply = (tx: RowTransaction, entered: string[]) => {
    if (!hasChanges(tx) && entered.length === 0) return;
    grid.applyTransactionAsync(tx, () => {
      if (disposed || entered.length === 0) return;
      const nodes = entered.flatMap((s) => grid.getRowNode(s) ?? []);
      if (nodes.length) grid.flashCells({ rowNodes: nodes, flashDuration: 1200, fadeDuration: 1500 });
    });
    useScannerStore.setState({ rowCount: rows.size });
  };

  const onDelta = (d: ScannerDelta) => {
    if (disposed) return;
    if (held) {
      held.push(d);
      return;
    }
    apply(mergeScannerDelta(rows, d), d.entered);
    useScannerStore.setState({ error: d.error, updatedAt: appNow() });
    if (d.entered.length > 0 && useAppStore.getState().settings?.scanner.alertSound) beep();
  };

  const off = api.on('scanner:delta', onDelta);

  void api.call('scanner:snapshot').then((r) => {
    if (disposed) return;
    const pending = held ?? [];
    held = null;
    if (r.ok) {
      apply(replaceScannerRows(rows, r.value.rows), []);
      useScannerStore.setState({ error: r.value.error, updatedAt: r.value.updatedAt, loaded: true });
    } else {
      useScannerStore.setState({ error: r.error.message, loaded: true });
    }
    for (const d of pending) onDelta(d);
  });

  return () => {
    disposed = true;
    off();
  };
}
