/**
 * The first of two checks on SQL from the renderer (hostile input): text that does not start with a query
 * keyword is refused before DuckDB sees it. The engine then checks DuckDB's own parse (one statement, of
 * type SELECT). Pure.
 */

export const MAX_SQL_CHARS = 100_000;
const QUERY_KEYWORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES']);

/** The text with leading whitespace, comments and opening parentheses removed. */
function leading(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^[\s(]+/, '');
    if (t.startsWith('--')) s = t.slice(t.indexOf('\n') >= 0 ? t.indexOf('\n') : t.length);
    else if (t.startsWith('/*')) s = t.indexOf('*/') >= 0 ? t.slice(t.indexOf('*/') + 2) : '';
    else return t;
  }
}

/** null when the text may go on to DuckDB, else why not, in words. */
export function refuseSql(sql: unknown): string | null {
  if (typeof sql !== 'string' || !sql.trim()) return 'Type a query.';
  if (sql.length > MAX_SQL_CHARS) return `The query is longer than ${MAX_SQL_CHARS.toLocaleString('en-US')} characters.`;
  if (sql.includes('\0')) return 'The query holds a NUL character.';
  const word = /^[A-Za-z]+/.exec(leading(sql))?.[0]?.toUpperCase();
  if (!word || !QUERY_KEYWORDS.has(word)) return 'Only a read-only query (SELECT, WITH … SELECT, FROM …) can run here.';
  return null;
}
