/** Pure helpers of the Research tab: query results into AG Grid rows and columns, progress in words. */
import type { ResearchExportProgress, ResearchExportResult, ResearchQueryResult } from '../../../../src-shared/contract/features/research';

export interface GridColumn {
  field: string;
  headerName: string;
  type?: 'rightAligned';
  valueFormatter?: (p: { value: unknown }) => string;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** Numbers at up to 6 decimals, so averages stay readable; everything else as DuckDB gave it. */
export function fmtCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6)));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Field names are positional (`c0`, `c1`…): DuckDB allows duplicate and dotted column names, AG Grid does not. */
export function gridColumns(r: ResearchQueryResult): GridColumn[] {
  return r.columns.map((c, i) => ({
    field: `c${i}`,
    headerName: c.name,
    ...(NUMERIC.test(c.type) ? { type: 'rightAligned' as const } : {}),
    valueFormatter: (p: { value: unknown }) => fmtCell(p.value),
  }));
}

export function gridRows(r: ResearchQueryResult): Array<Record<string, unknown>> {
  return r.rows.map((row) => Object.fromEntries(row.map((v, i) => [`c${i}`, v])));
}

export function resultWords(r: ResearchQueryResult): string {
  const n = r.rows.length.toLocaleString('en-US');
  return `${n} row${r.rows.length === 1 ? '' : 's'}${r.truncated ? ' (cut at the row limit: add a LIMIT or aggregate)' : ''} in ${Math.round(r.elapsedMs)} ms`;
}

export function progressWords(p: ResearchExportProgress): string {
  return `${p.done}/${p.total} files · ${p.written ? 'wrote' : 'unchanged'} ${p.path}`;
}

export function exportWords(s: ResearchExportResult): string {
  const mb = (s.bytes / 1e6).toFixed(1);
  const failed = s.failed.length ? ` · ${s.failed.length} failed` : '';
  return `${s.written} written, ${s.skipped} unchanged${failed} · ${s.rows.toLocaleString('en-US')} rows · ${mb} MB in ${(s.durationMs / 1000).toFixed(1)} s`;
}

/** Ctrl+Enter (Cmd+Enter on a Mac) runs the query. */
export const isRunKey = (e: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean => e.key === 'Enter' && (e.ctrlKey || e.metaKey);
