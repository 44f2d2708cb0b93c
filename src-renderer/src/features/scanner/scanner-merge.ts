import type { ScannerDelta, ScannerRow } from '../../../../src-shared/contract/features/scanner';

/** An AG Grid row transaction: new rows, changed rows (same id) and rows to drop. */
export interface RowTransaction {
  add: ScannerRow[];
  update: ScannerRow[];
  remove: ScannerRow[];
}

/**
 * Applies a scanner delta to the known rows (mutating `rows`, keyed by symbol) and returns the grid
 * transaction that brings the grid to the same state. Upserts of a symbol also in `remove` win,
 * since the server sends the latest state of a row as an upsert.
 */
export function mergeScannerDelta(rows: Map<string, ScannerRow>, delta: ScannerDelta): RowTransaction {
  const tx: RowTransaction = { add: [], update: [], remove: [] };
  const upserted = new Set<string>();
  // Several upserts of one symbol inside a delta: keep the last.
  const latest = new Map<string, ScannerRow>();
  for (const row of delta.upsert) latest.set(row.symbol, row);
  for (const [symbol, row] of latest) {
    upserted.add(symbol);
    if (rows.has(symbol)) tx.update.push(row);
    else tx.add.push(row);
    rows.set(symbol, row);
  }
  for (const symbol of delta.remove) {
    if (upserted.has(symbol)) continue;
    const old = rows.get(symbol);
    if (!old) continue;
    rows.delete(symbol);
    tx.remove.push(old);
  }
  return tx;
}

/** Replaces all rows with a snapshot; returns the transaction from the old grid state to the new. */
export function replaceScannerRows(rows: Map<string, ScannerRow>, snapshot: readonly ScannerRow[]): RowTransaction {
  const next = new Set(snapshot.map((r) => r.symbol));
  const remove = [...rows.keys()].filter((s) => !next.has(s));
  return mergeScannerDelta(rows, { upsert: [...snapshot], remove, error: null, entered: [] });
}
