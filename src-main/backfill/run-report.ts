/**
 * Per run: `backfill_manifest.jsonl` (a line per task, in input order whatever the concurrency),
 * `backfill_summary.json`, and the old tools' one line
 * `SUMMARY WRITE=n SKIP=n EMPTY=n ERROR=n total=n concurrency=n duration=1.234s`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type TaskStatus = 'WRITE' | 'SKIP' | 'EMPTY' | 'ERROR';

export interface TaskReport {
  index: number;
  key: string;
  symbol: string;
  dates: string[];
  status: TaskStatus;
  rows: number;
  requests: number;
  files: Array<{ path: string; rows: number }>;
  firstTs?: number;
  lastTs?: number;
  error?: string;
}

export interface RunSummary {
  WRITE: number;
  SKIP: number;
  EMPTY: number;
  ERROR: number;
  total: number;
  concurrency: number;
  durationMs: number;
}

export function summaryLine(s: RunSummary): string {
  return `SUMMARY WRITE=${s.WRITE} SKIP=${s.SKIP} EMPTY=${s.EMPTY} ERROR=${s.ERROR} total=${s.total} concurrency=${s.concurrency} duration=${(s.durationMs / 1000).toFixed(3)}s`;
}

export function summarize(reports: readonly TaskReport[], concurrency: number, durationMs: number): RunSummary {
  const s: RunSummary = { WRITE: 0, SKIP: 0, EMPTY: 0, ERROR: 0, total: reports.length, concurrency, durationMs };
  for (const r of reports) s[r.status]++;
  return s;
}

/**
 * Holds reports that finish early until every earlier task has finished, then emits them in index order.
 * Pure: the file side is the `emit` callback.
 */
export class OrderedEmitter<T extends { index: number }> {
  private next = 0;
  private readonly held = new Map<number, T>();

  constructor(private readonly emit: (item: T) => void, start = 0) {
    this.next = start;
  }

  push(item: T): void {
    this.held.set(item.index, item);
    for (let x = this.held.get(this.next); x; x = this.held.get(this.next)) {
      this.held.delete(this.next);
      this.next++;
      this.emit(x);
    }
  }

  get waiting(): number {
    return this.held.size;
  }
}

/** The run directory's two files; the manifest is appended line by line so a crash keeps what was reported. */
export class RunFiles {
  readonly manifest: string;
  readonly summary: string;
  private readonly order: OrderedEmitter<TaskReport>;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.manifest = join(dir, 'backfill_manifest.jsonl');
    this.summary = join(dir, 'backfill_summary.json');
    writeFileSync(this.manifest, '');
    this.order = new OrderedEmitter((r) => appendFileSync(this.manifest, `${JSON.stringify(r)}\n`));
  }

  report(r: TaskReport): void {
    this.order.push(r);
  }

  finish(summary: RunSummary, extra: Record<string, unknown>): void {
    writeFileSync(this.summary, `${JSON.stringify({ ...extra, summary, line: summaryLine(summary) }, null, 2)}\n`);
  }
}
