import { describe, expect, it } from 'vitest';
import { MAX_SQL_CHARS, refuseSql } from '../../../src-main/research/query-guard';

describe('refuseSql', () => {
  it.each(['SELECT 1', 'select * from book', '  WITH a AS (SELECT 1) SELECT * FROM a', '-- note\nSELECT 1', '/* c */ (SELECT 1) UNION (SELECT 2)', 'FROM book LIMIT 3', 'VALUES (1)'])(
    'lets %j through',
    (sql) => expect(refuseSql(sql)).toBeNull(),
  );

  it.each(["COPY book TO '/tmp/x.csv'", "ATTACH '/tmp/x.db'", 'INSTALL httpfs', 'LOAD httpfs', 'SET threads = 8', 'PRAGMA version', 'CREATE TABLE t AS SELECT 1', 'DROP VIEW book', '/* SELECT */ DELETE FROM t', '-- SELECT\nCOPY x TO y', 'CALL pragma_version()', 'EXPORT DATABASE \'/tmp\''])(
    'refuses %j',
    (sql) => expect(refuseSql(sql)).toMatch(/read-only/),
  );

  it('refuses empty, non-string, NUL and oversized text', () => {
    expect(refuseSql('')).toMatch(/Type a query/);
    expect(refuseSql('   ')).toMatch(/Type a query/);
    expect(refuseSql(42)).toMatch(/Type a query/);
    expect(refuseSql('SELECT 1\0')).toMatch(/NUL/);
    expect(refuseSql(`SELECT ${'1'.repeat(MAX_SQL_CHARS)}`)).toMatch(/longer/);
    expect(refuseSql('/* never closed SELECT 1')).toMatch(/read-only/);
  });
});
