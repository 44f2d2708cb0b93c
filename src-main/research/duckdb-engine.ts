/**
 * The research engine on DuckDB (in memory, N-API, works offline). Locked down before any query from the
 * renderer runs: file access only under the research folder (allowed_directories with external access
 * off, which also stops INSTALL/LOAD and ATTACH elsewhere), the configuration locked so a query cannot
 * undo that, and each query checked to be one SELECT by DuckDB's own parser. COPY into the research folder
 * would pass the file check, so the statement type is what refuses it. Rows are capped, and a timer
 * interrupts a query that runs too long.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, StatementType } from '@duckdb/node-api';
import { type QueryLimits, type QueryOutput, QueryError, type ResearchEngine } from './engine-port';
import { refuseSql } from './query-guard';
import { DATASETS, type Dataset, emptySelect, hasSymbolPartition } from './schema';

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

function hasParquet(dir: string): boolean {
  if (!existsSync(dir)) return false;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isFile() && d.name.endsWith('.parquet')) return true;
    if (d.isDirectory() && hasParquet(join(dir, d.name))) return true;
  }
  return false;
}

function viewSql(root: string, d: Dataset): string {
  if (!hasParquet(join(root, d))) return `CREATE VIEW ${d} AS ${emptySelect(d)}`;
  // Partition types are given, so a symbol that looks like a number stays text.
  const types = hasSymbolPartition(d) ? "{'symbol': VARCHAR, 'date': DATE}" : "{'date': DATE}";
  const glob = lit(join(root, d, '**', '*.parquet'));
  return `CREATE VIEW ${d} AS SELECT * FROM read_parquet(${glob}, hive_partitioning = true, union_by_name = true, hive_types = ${types})`;
}

async function lockDown(c: DuckDBConnection, root: string): Promise<void> {
  await c.run(`SET TimeZone = 'UTC'`);
  await c.run(`SET allowed_directories = [${lit(root + sep)}]`);
  await c.run('SET enable_external_access = false');
  await c.run('SET autoinstall_known_extensions = false');
  await c.run('SET autoload_known_extensions = false');
  await c.run(`SET memory_limit = '1GB'`);
  await c.run('SET threads = 2');
  await c.run('SET lock_configuration = true');
}

/** What one answer may weigh on its way to the renderer. */
export const MAX_RESULT_CHARS = 32_000_000;
const INTEGER_TYPES = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT)$/;

function jsonRows(rows: unknown[][], types: string[]): unknown[][] {
  const big = types.map((t) => INTEGER_TYPES.test(t));
  return rows.map((r) => r.map((v, i) => (big[i] && typeof v === 'string' && Number.isSafeInteger(Number(v)) ? Number(v) : v)));
}

export async function openDuckDbEngine(researchRoot: string): Promise<ResearchEngine> {
  const root = realpathSync(researchRoot);
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    for (const d of DATASETS) await c.run(viewSql(root, d));
    await lockDown(c, root);
  } catch (e) {
    c.closeSync();
    instance.closeSync();
    throw e;
  }
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (sql: string, limits: QueryLimits): Promise<QueryOutput> => {
    const why = refuseSql(sql);
    if (why) throw new QueryError('refused', why);
    const started = performance.now();
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), c.interrupt()), limits.timeoutMs);
    try {
      const extracted = await c.extractStatements(sql);
      if (extracted.count !== 1) throw new QueryError('refused', `Run one query at a time (this text holds ${extracted.count} statements).`);
      const prepared = await extracted.prepare(0);
      if (prepared.statementType !== StatementType.SELECT) throw new QueryError('refused', 'Only a read-only query (SELECT) can run here.');
      const reader = await prepared.streamAndReadUntil(limits.maxRows + 1);
      const types = Array.from({ length: reader.columnCount }, (_, i) => reader.columnType(i).toString());
      const rows = jsonRows((reader.getRowsJson() as unknown[][]).slice(0, limits.maxRows + 1), types);
      if (JSON.stringify(rows).length > MAX_RESULT_CHARS) throw new QueryError('refused', `The result is larger than ${MAX_RESULT_CHARS / 1e6} MB; select fewer columns or rows.`);
      return {
        columns: reader.columnNames().map((name, i) => ({ name, type: types[i] })),
        rows: rows.slice(0, limits.maxRows),
        truncated: rows.length > limits.maxRows || !reader.done,
        elapsedMs: performance.now() - started,
      };
    } catch (e) {
      if (e instanceof QueryError) throw e;
      if (timedOut) throw new QueryError('timeout', `The query ran longer than ${limits.timeoutMs / 1000} s and was stopped.`);
      throw new QueryError('failed', (e as Error).message);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    query(sql, limits) {
      const p = queue.then(() => run(sql, limits));
      queue = p.catch(() => undefined);
      return p;
    },
    close() {
      c.closeSync();
      instance.closeSync();
    },
  };
}
