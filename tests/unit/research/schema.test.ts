import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS, DATASETS, emptySelect, parsePartitionPath, partitionPath, RESEARCH_SCHEMA_VERSION, schemaTag } from '../../../src-main/research/schema';
import { RESEARCH_DATASETS } from '../../../src-shared/contract/features/research';

describe('research partition paths', () => {
  it('puts each dataset file under dataset/symbol=/date=/part-', () => {
    expect(partitionPath('depth', 'AAPL', '2025-03-03', '093000-ab12')).toBe('depth/symbol=AAPL/date=2025-03-03/part-093000-ab12.parquet');
    expect(partitionPath('bars', 'BRK.B', '2025-03-03', '1min_MIDPOINT_rth')).toBe('bars/symbol=BRK.B/date=2025-03-03/part-1min_MIDPOINT_rth.parquet');
    expect(partitionPath('hits', null, '2025-03-03', 'scanner')).toBe('hits/date=2025-03-03/part-scanner.parquet');
  });

  it('refuses names that would leave the partition (traversal, bad dates)', () => {
    expect(() => partitionPath('depth', '../X', '2025-03-03', 'a')).toThrow(/symbol/);
    expect(() => partitionPath('depth', 'AAPL', '2025-3-3', 'a')).toThrow(/date/);
    expect(() => partitionPath('depth', 'AAPL', '2025-03-03', '../../etc')).toThrow(/part/);
    expect(() => partitionPath('depth', null, '2025-03-03', 'a')).toThrow(/symbol/);
  });

  it('parses what it builds, and nothing else', () => {
    for (const d of DATASETS) {
      const sym = d === 'hits' ? null : 'ABC';
      const p = partitionPath(d, sym, '2024-12-31', 'p1');
      expect(parsePartitionPath(p)).toEqual({ dataset: d, symbol: sym, date: '2024-12-31', part: 'p1' });
    }
    expect(parsePartitionPath('depth/date=2024-12-31/part-x.parquet')).toBeNull();
    expect(parsePartitionPath('hits/symbol=A/date=2024-12-31/part-x.parquet')).toBeNull();
    expect(parsePartitionPath('other/symbol=A/date=2024-12-31/part-x.parquet')).toBeNull();
  });
});

describe('research schema', () => {
  it('versions every dataset and keeps the contract list equal', () => {
    expect([...RESEARCH_DATASETS]).toEqual([...DATASETS]);
    for (const d of DATASETS) {
      expect(schemaTag(d)).toBe(`${d}/${RESEARCH_SCHEMA_VERSION}`);
      expect(COLUMNS[d][0].name).toBe('ts');
      expect(COLUMNS[d][0].type).toBe('timestamp');
      expect(new Set(COLUMNS[d].map((c) => c.name)).size).toBe(COLUMNS[d].length);
      expect(COLUMNS[d].every((c) => c.doc.length > 0)).toBe(true);
    }
  });

  it('builds a typed empty view with the partition columns', () => {
    const sql = emptySelect('book');
    expect(sql).toContain('CAST(NULL AS TIMESTAMPTZ) AS ts');
    expect(sql).toContain('CAST(NULL AS VARCHAR) AS symbol');
    expect(sql).toContain('CAST(NULL AS DATE) AS date');
    expect(sql.endsWith('WHERE false')).toBe(true);
    expect(emptySelect('hits')).not.toContain('AS symbol, CAST(NULL AS DATE)');
  });

  it('is documented column by column in docs/research.md', () => {
    const doc = readFileSync('docs/research.md', 'utf8');
    const type = { timestamp: 'TIMESTAMP(MILLIS, UTC)', int32: 'INT32', int64: 'INT64', double: 'DOUBLE', string: 'STRING (UTF8)' };
    expect(doc).toContain(`## Schema (version ${RESEARCH_SCHEMA_VERSION})`);
    for (const d of DATASETS) {
      const section = doc.split(`### \`${d}\``)[1]?.split('###')[0] ?? '';
      for (const c of COLUMNS[d]) expect(section).toContain(`| \`${c.name}\` | ${type[c.type]} | ${c.nullable ? 'yes' : 'no'} | ${c.doc} |`);
    }
  });
});
