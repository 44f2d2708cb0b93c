/** The audit log view's pure half: free-text filtering and CSV / JSON export. */
import type { AuditEntry } from '../../../../src-shared/contract/features/trading';

const dataText = (d: unknown): string => (d === null || d === undefined ? '' : JSON.stringify(d));

/**
 * Rows whose message, rule, intent id, symbol, kind or data contain every word of `text` (case-insensitive),
 * so "AAPL price-band" finds the band refusals on AAPL.
 */
export function filterAudit(rows: readonly AuditEntry[], text: string): AuditEntry[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = [r.kind, r.symbol ?? '', r.rule ?? '', r.intentId ?? '', r.message, dataText(r.data)].join('\u0000').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

const CSV_COLUMNS = ['seq', 'ts', 'time_utc', 'kind', 'symbol', 'rule', 'intent_id', 'message', 'data'] as const;

/** RFC 4180: quote a field holding a comma, quote or line break, doubling the quotes. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * CSV with a header; `ts` stays epoch ms (exact), `time_utc` is ISO for a spreadsheet. A leading = + - @ is
 * prefixed with ' so a spreadsheet never runs a message as a formula (messages quote broker text).
 */
export function auditCsv(rows: readonly AuditEntry[]): string {
  const safe = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells = [String(r.seq), String(r.ts), new Date(r.ts).toISOString(), r.kind, r.symbol ?? '', r.rule ?? '', r.intentId ?? '', r.message, dataText(r.data)];
    lines.push(cells.map((c, i) => csvField(i < 3 ? c : safe(c))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function auditJson(rows: readonly AuditEntry[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** "tapedeck-audit-2026-12-01T14-30-00Z.csv": sortable, no characters a file system refuses. */
export function exportFileName(now: number, ext: 'csv' | 'json'): string {
  return `tapedeck-audit-${new Date(now).toISOString().slice(0, 19).replace(/:/g, '-')}Z.${ext}`;
}

export interface Mismatch {
  symbol: string;
  broker: number;
  expected: number;
  ts: number;
}

const isMismatchData = (d: unknown): d is { broker: number; expected: number } =>
  typeof d === 'object' && d !== null && typeof (d as { broker?: unknown }).broker === 'number' && typeof (d as { expected?: unknown }).expected === 'number';

/**
 * The latest position-mismatch finding per halted symbol, from reconciliation audit rows (any order). A halted
 * symbol with no finding in `rows` (older than the page read) still appears, with NaN positions shown as unknown.
 */
export function haltedMismatches(halted: readonly string[], rows: readonly AuditEntry[]): Mismatch[] {
  const latest = new Map<string, Mismatch>();
  for (const r of rows) {
    if (r.kind !== 'reconciliation' || r.rule !== 'position-mismatch' || !r.symbol || !isMismatchData(r.data)) continue;
    const seen = latest.get(r.symbol);
    if (!seen || r.ts >= seen.ts) latest.set(r.symbol, { symbol: r.symbol, broker: r.data.broker, expected: r.data.expected, ts: r.ts });
  }
  return halted.map((s) => latest.get(s) ?? { symbol: s, broker: Number.NaN, expected: Number.NaN, ts: 0 });
}
