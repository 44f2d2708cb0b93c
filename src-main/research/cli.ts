/**
 * `npm run research -- export --data-dir DIR [--symbols A,B] [--from D --to D] [--datasets depth,book,…] [--out DIR]`
 * `npm run research -- query --data-dir DIR (--sql "…" | --example first-five-minutes) [--json] [--out DIR]`
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from '../cli-args';
import { systemClock } from '../platform/clock';
import { openStorage } from '../storage';
import { openDuckDbEngine } from './duckdb-engine';
import { QueryError } from './engine-port';
import { exampleById, RESEARCH_EXAMPLES } from './examples';
import { researchRoot, runExport, summaryLine } from './export';
import { DATASETS, type Dataset } from './schema';
import type { HitRow } from './sources';
import { etDate } from '../../src-shared/domain/et-time';

const HELP = `Usage: npm run research -- export --data-dir DIR [options]
       npm run research -- query --data-dir DIR (--sql "SELECT …" | --example ID) [--json]

export  writes recordings, backfilled bars and ticks and the scanner's hits as Parquet under DIR/research
        (Hive-partitioned: <dataset>/symbol=SYM/date=YYYY-MM-DD/part-<session-or-source>.parquet) and
        DIR/research/manifest.json. A rerun over unchanged sources writes nothing (SUMMARY WRITE=0).
  --symbols A,B          only these symbols
  --from, --to DATE      first and last ET date, inclusive
  --datasets LIST        ${DATASETS.join(',')} (default: all)
  --out DIR              the research folder (default DIR/research)

query   runs one read-only SELECT with DuckDB over the research folder (views: ${DATASETS.join(', ')}).
  --sql TEXT             the query
  --example ID           a saved query: ${RESEARCH_EXAMPLES.map((e) => e.id).join(', ')}
  --max-rows N           row cap (default 10000)
  --json                 print {columns, rows, truncated} as JSON instead of a table

  --data-dir DIR         the Tapedeck data folder (required)
  --describe             print inputs and outputs as JSON
  --help                 this text

Exit: 0 done, 1 a source failed to export or the query failed, 2 bad arguments.`;

const DESCRIBE = {
  name: 'research',
  commands: {
    export: {
      inputs: { 'data-dir': 'directory (required)', symbols: 'comma-separated tickers', from: 'ET date', to: 'ET date', datasets: DATASETS, out: 'directory' },
      outputs: {
        stdout: ['WRITE|SKIP <path>', 'SUMMARY WRITE=n SKIP=n ERROR=n files=n rows=n bytes=n duration=1.234s'],
        files: ['research/<dataset>/symbol=SYM/date=YYYY-MM-DD/part-<part>.parquet (schema: docs/research.md)', 'research/hits/date=YYYY-MM-DD/part-scanner.parquet', 'research/manifest.json'],
      },
    },
    query: {
      inputs: { 'data-dir': 'directory (required)', sql: 'one SELECT', example: RESEARCH_EXAMPLES.map((e) => e.id), 'max-rows': 'integer 1-10000', json: 'flag', out: 'directory' },
      outputs: { stdout: ['a table (tab-separated, header first) or, with --json, {columns, rows, truncated, elapsedMs}'] },
    },
  },
  exit: { 0: 'done', 1: 'a source failed or the query failed', 2: 'bad arguments' },
};

class UsageError extends Error {}
type Args = Map<string, string | true>;
const str = (a: Args, k: string): string | undefined => (typeof a.get(k) === 'string' ? (a.get(k) as string) : undefined);

function hitsOf(dataDir: string): HitRow[] {
  if (!existsSync(join(dataDir, 'tapedeck.db'))) return [];
  const storage = openStorage(dataDir);
  try {
    return storage.hits.list({ limit: 1_000_000 }).map((h) => ({ symbol: h.symbol, ts: h.ts, date: etDate(h.ts), gapPct: h.gapPct, rvol: h.rvol, score: h.score, source: h.source }));
  } finally {
    storage.close();
  }
}

async function exportCmd(a: Args, dataDir: string): Promise<number> {
  const datasets = (str(a, 'datasets') ?? DATASETS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const bad = datasets.filter((d) => !(DATASETS as readonly string[]).includes(d));
  if (bad.length) throw new UsageError(`--datasets: unknown ${bad.join(', ')} (choose from ${DATASETS.join(', ')})`);
  for (const k of ['from', 'to']) if (str(a, k) && !/^\d{4}-\d{2}-\d{2}$/.test(str(a, k)!)) throw new UsageError(`--${k} must look like 2025-03-14`);
  const symbols = str(a, 'symbols')?.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  const out = str(a, 'out') ? resolve(str(a, 'out')!) : undefined;
  const s = await runExport({
    dataDir, out, clock: systemClock, hits: hitsOf(dataDir), symbols, from: str(a, 'from'), to: str(a, 'to'), datasets: datasets as Dataset[],
    onProgress: (p) => process.stdout.write(`${p.written ? 'WRITE' : 'SKIP'} ${p.path}\n`),
  });
  for (const f of s.failed) process.stdout.write(`ERROR ${f.source}: ${f.error}\n`);
  process.stdout.write(`${summaryLine(s)}\n`);
  return s.failed.length ? 1 : 0;
}

async function queryCmd(a: Args, dataDir: string): Promise<number> {
  const id = str(a, 'example');
  const sql = id ? exampleById(id)?.sql : str(a, 'sql');
  if (id && !sql) throw new UsageError(`--example: unknown ${id} (choose from ${RESEARCH_EXAMPLES.map((e) => e.id).join(', ')})`);
  if (!sql) throw new UsageError('give --sql "SELECT …" or --example ID');
  const maxRows = Number(str(a, 'max-rows') ?? 10_000);
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 10_000) throw new UsageError('--max-rows must be a whole number from 1 to 10000');
  const root = str(a, 'out') ? resolve(str(a, 'out')!) : researchRoot(dataDir);
  mkdirSync(root, { recursive: true });
  const engine = await openDuckDbEngine(root);
  try {
    const r = await engine.query(sql, { maxRows, timeoutMs: 300_000 });
    if (a.has('json')) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      process.stdout.write(`${r.columns.map((c) => c.name).join('\t')}\n`);
      for (const row of r.rows) process.stdout.write(`${row.map((v) => (v === null ? '' : String(v))).join('\t')}\n`);
      process.stdout.write(`# ${r.rows.length} rows${r.truncated ? ' (truncated)' : ''} in ${r.elapsedMs.toFixed(0)} ms\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    process.stderr.write(`research: ${e.message}\n`);
    return 1;
  } finally {
    engine.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  if (a.has('help')) return (process.stdout.write(`${HELP}\n`), 0);
  if (a.has('describe')) return (process.stdout.write(`${JSON.stringify(DESCRIBE, null, 2)}\n`), 0);
  const cmd = argv[0];
  const dataDir = str(a, 'data-dir');
  if (cmd !== 'export' && cmd !== 'query') throw new UsageError('the first word must be export or query');
  if (!dataDir) throw new UsageError('--data-dir is required');
  return cmd === 'export' ? exportCmd(a, resolve(dataDir)) : queryCmd(a, resolve(dataDir));
}

main(process.argv.slice(2).filter((x) => x !== '--')).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`research: ${(e as Error).message}\n`);
    if (e instanceof UsageError) process.stderr.write('Try --help.\n');
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
