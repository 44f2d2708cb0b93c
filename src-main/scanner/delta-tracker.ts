/**
 * Remembers what the grid was last sent and turns the next full row set into a delta: only rows that
 * changed, symbols that left, names newly in the top N, and the error when it changed.
 */
import type { ScannerDelta, ScannerRow } from '../../src-shared/contract/features/scanner';

export class DeltaTracker {
  private sent = new Map<string, string>();
  private topN = new Set<string>();
  private error: string | null = null;

  /** Null when nothing changed since the last delta. */
  next(rows: ScannerRow[], error: string | null, alertTopN: number): ScannerDelta | null {
    const upsert: ScannerRow[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.symbol);
      const json = JSON.stringify(row);
      if (this.sent.get(row.symbol) !== json) {
        upsert.push(row);
        this.sent.set(row.symbol, json);
      }
    }
    const remove = [...this.sent.keys()].filter((s) => !seen.has(s));
    for (const s of remove) this.sent.delete(s);

    const top = new Set([...rows].sort((a, b) => a.rank - b.rank).slice(0, alertTopN).map((r) => r.symbol));
    const entered = [...top].filter((s) => !this.topN.has(s));
    this.topN = top;

    const errorChanged = error !== this.error;
    this.error = error;
    if (!upsert.length && !remove.length && !entered.length && !errorChanged) return null;
    return { upsert, remove, error, entered };
  }
}
