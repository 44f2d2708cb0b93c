import { describe, expect, it } from 'vitest';
import { exportWords, fmtCell, gridColumns, gridRows, isRunKey, progressWords, resultWords } from '../../../src-renderer/src/features/research/research-view';

const result = {
  columns: [{ name: 'symbol', type: 'VARCHAR' }, { name: 'avg_spread', type: 'DOUBLE' }, { name: 'avg_spread', type: 'DOUBLE' }],
  rows: [['GAPR', 0.0146877192982, null]],
  truncated: true,
  elapsedMs: 12.4,
};

describe('research view', () => {
  it('maps columns by position, so duplicate names survive, and right-aligns numbers', () => {
    const cols = gridColumns(result);
    expect(cols.map((c) => [c.field, c.headerName, c.type])).toEqual([['c0', 'symbol', undefined], ['c1', 'avg_spread', 'rightAligned'], ['c2', 'avg_spread', 'rightAligned']]);
    expect(gridRows(result)).toEqual([{ c0: 'GAPR', c1: 0.0146877192982, c2: null }]);
    expect(cols[1].valueFormatter!({ value: 0.0146877192982 })).toBe('0.014688');
  });

  it('says what came back and how an export went', () => {
    expect(resultWords(result)).toBe('1 row (cut at the row limit: add a LIMIT or aggregate) in 12 ms');
    expect(resultWords({ ...result, rows: [], truncated: false })).toBe('0 rows in 12 ms');
    expect(progressWords({ done: 2, total: 5, path: 'book/x.parquet', written: false })).toBe('2/5 files · unchanged book/x.parquet');
    expect(exportWords({ root: '/r', files: 3, written: 2, skipped: 1, failed: [{ source: 's', error: 'e' }], rows: 12345, bytes: 2_500_000, durationMs: 1500 })).toBe(
      '2 written, 1 unchanged · 1 failed · 12,345 rows · 2.5 MB in 1.5 s',
    );
  });

  it('formats cells and knows the run key', () => {
    expect([fmtCell(null), fmtCell(3), fmtCell('2025-03-03'), fmtCell({ a: 1 })]).toEqual(['', '3', '2025-03-03', '{"a":1}']);
    expect(isRunKey({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isRunKey({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isRunKey({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
  });
});
