/**
 * What an export reads: recorded sessions (depth, trades, book), backfilled bar and tick files, and the
 * scanner's hits by day. Each becomes a task naming its output file, its source and a fingerprint of that
 * source (file sizes and modification times), so an unchanged source is recognised without reading it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeBars } from '../backfill/bar-files';
import { decodeTicks } from '../backfill/tick-files';
import { listSessionDirs, readSessionMeta } from '../recording-format/session-meta';
import { SessionReader } from '../recording-format/session-reader';
import { type Dataset, partitionPath } from './schema';
import { bookColumns, type Columns, depthColumns, tradeColumns } from './session-columns';

export interface ExportFilter {
  symbols?: readonly string[];
  from?: string;
  to?: string;
  datasets: readonly Dataset[];
}

export interface ExportTask {
  dataset: Dataset;
  /** Output path relative to the research folder. */
  path: string;
  /** Source path relative to the data folder. */
  source: string;
  fingerprint: string;
  build(): Columns;
}

export interface HitRow {
  symbol: string;
  ts: number;
  date: string;
  gapPct: number | null;
  rvol: number | null;
  score: number | null;
  source: string;
}

const keep = (f: ExportFilter, symbol: string | null, date: string) =>
  (symbol === null || !f.symbols?.length || f.symbols.includes(symbol)) && (!f.from || date >= f.from) && (!f.to || date <= f.to);

const statPrint = (paths: readonly string[]): string =>
  paths.map((p) => (existsSync(p) ? `${statSync(p).size}:${Math.round(statSync(p).mtimeMs)}` : '-')).join(',');

const subdirs = (dir: string, prefix: string): Array<{ name: string; value: string; path: string }> =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && d.name.startsWith(prefix))
        .map((d) => ({ name: d.name, value: d.name.slice(prefix.length), path: join(dir, d.name) }))
        .sort((a, b) => a.name.localeCompare(b.name))
    : [];

function sessionTasks(dataDir: string, f: ExportFilter): ExportTask[] {
  const wanted = (['depth', 'trades', 'book'] as const).filter((d) => f.datasets.includes(d));
  if (!wanted.length) return [];
  const out: ExportTask[] = [];
  for (const dir of listSessionDirs(dataDir)) {
    const meta = readSessionMeta(dir);
    if (!meta || !keep(f, meta.symbol, meta.date)) continue;
    const files = ['session.json', 'depth.arrows', 'ticks.arrows'].map((n) => join(dir, n));
    const fingerprint = statPrint(files);
    let reader: SessionReader | undefined;
    const open = () => (reader ??= SessionReader.open(dir));
    const build = { depth: () => depthColumns(open()), trades: () => tradeColumns(open()), book: () => bookColumns(open()) };
    for (const d of wanted) {
      out.push({ dataset: d, path: partitionPath(d, meta.symbol, meta.date, meta.sessionId), source: relative(dataDir, dir), fingerprint, build: build[d] });
    }
  }
  return out;
}

/** `bars/symbol=SYM/bar=<part>/date=D.arrow` and `ticks/symbol=SYM/what=<part>/date=D.arrow`. */
function backfillTasks(dataDir: string, f: ExportFilter, kind: 'bars' | 'ticks'): ExportTask[] {
  if (!f.datasets.includes(kind)) return [];
  const out: ExportTask[] = [];
  const key = kind === 'bars' ? 'bar=' : 'what=';
  for (const sym of subdirs(join(dataDir, kind), 'symbol=')) {
    for (const variant of subdirs(sym.path, key)) {
      for (const file of readdirSync(variant.path).filter((n) => /^date=\d{4}-\d{2}-\d{2}\.arrow$/.test(n)).sort()) {
        const date = file.slice(5, 15);
        if (!keep(f, sym.value, date)) continue;
        const path = join(variant.path, file);
        out.push({
          dataset: kind, path: partitionPath(kind, sym.value, date, variant.value), source: relative(dataDir, path), fingerprint: statPrint([path]),
          build: () => (kind === 'bars' ? barColumns(path, variant.value) : tickColumns(path, variant.value)),
        });
      }
    }
  }
  return out;
}

function barColumns(path: string, bar: string): Columns {
  const bars = decodeBars(readFileSync(path));
  const pick = (fn: (i: number) => number | null) => bars.map((_, i) => fn(i));
  const data = {
    ts: pick((i) => bars[i].tsOpen), bar: bars.map(() => bar), open: pick((i) => bars[i].open), high: pick((i) => bars[i].high),
    low: pick((i) => bars[i].low), close: pick((i) => bars[i].close), volume: pick((i) => bars[i].volume),
    vwap: pick((i) => bars[i].vwap ?? null), count: pick((i) => bars[i].count ?? null),
  };
  return { data, rows: bars.length, firstTs: bars[0]?.tsOpen ?? null, lastTs: bars.at(-1)?.tsOpen ?? null };
}

function tickColumns(path: string, what: string): Columns {
  const ticks = decodeTicks(readFileSync(path));
  const num = (k: string) => ticks.map((t) => ((t as unknown as Record<string, unknown>)[k] as number | undefined) ?? null);
  const str = (k: string) => ticks.map((t) => ((t as unknown as Record<string, unknown>)[k] as string | undefined) ?? null);
  const data = {
    ts: ticks.map((t) => t.time), what: ticks.map(() => what), price: num('price'), size: num('size'), exchange: str('exchange'),
    conditions: str('conditions'), bid: num('bid'), ask: num('ask'), bid_size: num('bidSize'), ask_size: num('askSize'),
  };
  return { data, rows: ticks.length, firstTs: ticks[0]?.time ?? null, lastTs: ticks.at(-1)?.time ?? null };
}

/** One file per ET date of hits; the fingerprint is a hash of the rows themselves (they live in SQLite). */
function hitTasks(hits: readonly HitRow[], f: ExportFilter): ExportTask[] {
  if (!f.datasets.includes('hits')) return [];
  const byDate = new Map<string, HitRow[]>();
  for (const h of hits) if (keep(f, null, h.date)) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h]);
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, rows]) => {
    rows.sort((a, b) => a.ts - b.ts || a.symbol.localeCompare(b.symbol));
    const fingerprint = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 32);
    const build = (): Columns => ({
      data: { ts: rows.map((h) => h.ts), symbol: rows.map((h) => h.symbol), gap_pct: rows.map((h) => h.gapPct), rvol: rows.map((h) => h.rvol), score: rows.map((h) => h.score), source: rows.map((h) => h.source) },
      rows: rows.length, firstTs: rows[0].ts, lastTs: rows.at(-1)!.ts,
    });
    return { dataset: 'hits' as const, path: partitionPath('hits', null, date, 'scanner'), source: `tapedeck.db#scanner_hits/date=${date}`, fingerprint, build };
  });
}

export function planTasks(dataDir: string, f: ExportFilter, hits: readonly HitRow[]): ExportTask[] {
  return [...sessionTasks(dataDir, f), ...backfillTasks(dataDir, f, 'bars'), ...backfillTasks(dataDir, f, 'ticks'), ...hitTasks(hits, f)];
}
