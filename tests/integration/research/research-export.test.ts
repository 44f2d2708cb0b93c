/**
 * A recording made through the recorder's own SessionWriter, a backfilled bar day and tick day and a
 * scanner hit, exported to Parquet; the files read back with hyparquet (an independent reader) against
 * the documented schema and the source row counts; the worked example run through DuckDB and checked
 * against the replay engine's book sampled in the test; the engine's refusals of hostile SQL.
 */
import { readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barFilePath, encodeBars, writeFileAtomic } from '../../../src-main/backfill/bar-files';
import { encodeTicks, tickFilePath } from '../../../src-main/backfill/tick-files';
import { ManualClock } from '../../../src-main/platform/clock';
import { SessionReader } from '../../../src-main/recording-format/session-reader';
import { loadTimeline } from '../../../src-main/replay/load-timeline';
import { ReplayEngine } from '../../../src-main/replay/replay-engine';
import { openDuckDbEngine } from '../../../src-main/research/duckdb-engine';
import { type ResearchEngine, QueryError } from '../../../src-main/research/engine-port';
import { FIRST_FIVE_MINUTES_SQL } from '../../../src-main/research/examples/first-five-minutes';
import { researchRoot, runExport } from '../../../src-main/research/export';
import { readManifest } from '../../../src-main/research/manifest';
import { sha256 } from '../../../src-main/research/parquet-file';
import { COLUMNS, type Dataset, RESEARCH_SCHEMA_VERSION } from '../../../src-main/research/schema';
import type { HitRow } from '../../../src-main/research/sources';
import { etMsOfDay } from '../../../src-shared/domain/et-time';
import { synthEvents, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';

const START = Date.UTC(2025, 2, 3, 14, 29, 0); // 09:29:00 ET (EST)
const OPEN = Date.UTC(2025, 2, 3, 14, 30, 0);
const DATE = '2025-03-03';
const HITS: HitRow[] = [
  { symbol: 'GAPR', ts: START - 60_000, date: DATE, gapPct: 12.5, rvol: 4, score: 1, source: 'TOP_PERC_GAIN' },
  { symbol: 'GAPR', ts: START - 30_000, date: DATE, gapPct: 18.25, rvol: 5, score: 2, source: 'TOP_PERC_GAIN' },
];

let tmp: ReturnType<typeof makeTempDir>;
let sessionDir: string;
let engine: ResearchEngine;
const clock = new ManualClock(1_000);

const parquetFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.parquet')).map((p) => p.split('\\').join('/')).sort();

async function readBack(path: string): Promise<{ rows: Record<string, unknown>[]; meta: ReturnType<typeof parquetMetadata> }> {
  const buf = readFileSync(path);
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  return { meta: parquetMetadata(file), rows: await parquetReadObjects({ file }) };
}

beforeAll(async () => {
  tmp = makeTempDir('tapedeck-research-');
  sessionDir = writeSynthSession(tmp.dir, 'GAPR', synthEvents({ start: START, events: 20_000, resetAt: 6_000, reconnectAt: 12_000 }), START).dir;
  const bars = Array.from({ length: 30 }, (_, i) => ({ tsOpen: OPEN + i * 60_000, open: 10 + i, high: 11 + i, low: 9 + i, close: 10.5 + i, volume: 1000 * i, ...(i % 2 ? { vwap: 10.2 + i, count: i } : {}) }));
  writeFileAtomic(barFilePath(tmp.dir, 'GAPR', '1min', 'TRADES', false, DATE), encodeBars(bars));
  const ticks = Array.from({ length: 25 }, (_, i) => ({ kind: 'trade' as const, time: OPEN + i * 1000, price: 10 + i / 100, size: 100 + i, exchange: 'ARCA', conditions: i % 3 ? '' : 'T' }));
  writeFileAtomic(tickFilePath(tmp.dir, 'GAPR', 'TRADES', false, DATE), encodeTicks('TRADES', ticks));
  const summary = await runExport({ dataDir: tmp.dir, clock, hits: HITS, datasets: ['depth', 'trades', 'book', 'bars', 'ticks', 'hits'] });
  expect(summary.failed).toEqual([]);
  expect(summary.written).toBe(6);
  engine = await openDuckDbEngine(researchRoot(tmp.dir));
}, 120_000);

afterAll(() => {
  engine?.close();
  tmp?.cleanup();
});

describe('research export', () => {
  it('lays files out Hive-style and lists each in the manifest with its checksum', () => {
    const root = researchRoot(tmp.dir);
    const sid = sessionDir.split('/').at(-1);
    expect(parquetFiles(root)).toEqual([
      'bars/symbol=GAPR/date=2025-03-03/part-1min.parquet',
      `book/symbol=GAPR/date=2025-03-03/part-${sid}.parquet`,
      `depth/symbol=GAPR/date=2025-03-03/part-${sid}.parquet`,
      'hits/date=2025-03-03/part-scanner.parquet',
      'ticks/symbol=GAPR/date=2025-03-03/part-TRADES.parquet',
      `trades/symbol=GAPR/date=2025-03-03/part-${sid}.parquet`,
    ]);
    const m = readManifest(root);
    expect(m.schemaVersion).toBe(RESEARCH_SCHEMA_VERSION);
    expect(m.files).toHaveLength(6);
    for (const e of m.files) {
      const bytes = readFileSync(join(root, e.path));
      expect(e.sha256).toBe(sha256(bytes));
      expect(e.bytes).toBe(bytes.length);
      expect(e.schemaVersion).toBe(RESEARCH_SCHEMA_VERSION);
    }
    expect(m.files.find((e) => e.dataset === 'depth')!.source).toBe(`recordings/symbol=GAPR/date=2025-03-03/${sid}`);
  });

  it('reads back in hyparquet with the documented schema, metadata and the source row counts', async () => {
    const root = researchRoot(tmp.dir);
    const reader = SessionReader.open(sessionDir);
    const expected: Record<string, number> = { depth: reader.lastSeq, trades: reader.trades().tsRecv.length, bars: 30, ticks: 25, hits: 2 };
    expect(expected.depth).toBeGreaterThan(15_000);
    expect(expected.trades).toBe(reader.meta.counts.trades);
    expect(expected.depth).toBe(reader.meta.counts.depthMessages);
    for (const e of readManifest(root).files) {
      const { rows, meta } = await readBack(join(root, e.path));
      const dataset = e.dataset as Dataset;
      const schema = parquetSchema(meta).children.map((c) => c.element);
      expect(schema.map((s) => s.name)).toEqual(COLUMNS[dataset].map((c) => c.name));
      for (const [i, col] of COLUMNS[dataset].entries()) {
        expect(schema[i].repetition_type).toBe(col.nullable ? 'OPTIONAL' : 'REQUIRED');
        if (col.type === 'timestamp') expect(schema[i].logical_type).toMatchObject({ type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' });
        if (col.type === 'string') expect(schema[i].type).toBe('BYTE_ARRAY');
        if (col.type === 'double') expect(schema[i].type).toBe('DOUBLE');
      }
      const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((k) => [k.key, k.value]));
      expect(kv['tapedeck.schema']).toBe(`${dataset}/${RESEARCH_SCHEMA_VERSION}`);
      expect(Number(meta.num_rows)).toBe(e.rows);
      expect(rows).toHaveLength(e.rows);
      if (dataset in expected) expect(e.rows).toBe(expected[dataset]);
      const first = rows[0].ts as Date;
      expect(first.getTime()).toBe(e.firstTs);
    }
    // The depth file is the recording, row for row.
    const depthEntry = readManifest(root).files.find((e) => e.dataset === 'depth')!;
    const { rows } = await readBack(join(root, depthEntry.path));
    const run = reader.run(3);
    for (let i = 0; i < run.length; i += 97) {
      const r = rows[run.firstSeq + i - 1];
      expect(Number(r.seq)).toBe(run.firstSeq + i);
      expect([r.price, r.size, r.side, r.operation, r.position]).toEqual([run.price[i], run.size[i], run.side[i], run.operation[i], run.position[i]]);
      expect(r.market_maker).toBeNull(); // the synthetic book sends none: '' is stored as null
    }
  });

  it('writes nothing on a rerun over unchanged sources, and only the touched source after a change', async () => {
    const root = researchRoot(tmp.dir);
    const before = new Map(parquetFiles(root).map((p) => [p, statSync(join(root, p)).mtimeMs]));
    const manifestBefore = readFileSync(join(root, 'manifest.json'), 'utf8');
    const again = await runExport({ dataDir: tmp.dir, clock, hits: HITS, datasets: ['depth', 'trades', 'book', 'bars', 'ticks', 'hits'] });
    expect([again.written, again.skipped, again.rows, again.bytes]).toEqual([0, 6, 0, 0]);
    expect(readFileSync(join(root, 'manifest.json'), 'utf8')).toBe(manifestBefore);
    for (const [p, m] of before) expect(statSync(join(root, p)).mtimeMs).toBe(m);
    const bar = barFilePath(tmp.dir, 'GAPR', '1min', 'TRADES', false, DATE);
    utimesSync(bar, new Date(), new Date(Date.now() + 5_000));
    const touched = await runExport({ dataDir: tmp.dir, clock, hits: HITS, datasets: ['bars'] });
    expect([touched.written, touched.skipped, touched.rows]).toEqual([1, 0, 30]);
    expect(readManifest(root).files).toHaveLength(6);
  });

  it('answers the worked example with the numbers the replay engine gives', async () => {
    const out = await engine.query(FIRST_FIVE_MINUTES_SQL, { maxRows: 100, timeoutMs: 60_000 });
    expect(out.rows).toHaveLength(1);
    const row = Object.fromEntries(out.columns.map((c, i) => [c.name, out.rows[0][i]]));
    // Recomputed here: the replay engine's book at every 100 ms instant from 09:30:00 to 09:35:00 ET.
    const tl = loadTimeline([sessionDir]);
    if (!tl.ok) throw new Error(tl.error.message);
    const replay = new ReplayEngine(tl.value);
    const gaps = SessionReader.open(sessionDir).meta.gaps;
    let n = 0;
    const sum = { spread: 0, bidSize: 0, bidDepth: 0, askDepth: 0 };
    for (let t = OPEN; t < OPEN + 300_000; t += 100) {
      if (gaps.some((g) => t >= g.start && (g.end === null || t < g.end))) continue;
      replay.seekTime(t);
      const bid = replay.book.bestBid();
      const ask = replay.book.bestAsk();
      if (!bid || !ask) continue;
      n++;
      sum.spread += ask.price - bid.price;
      sum.bidSize += bid.size;
      sum.bidDepth += replay.book.bids().reduce((s, r) => s + r.size, 0);
      sum.askDepth += replay.book.asks().reduce((s, r) => s + r.size, 0);
    }
    expect(etMsOfDay(OPEN)).toBe(9.5 * 3600_000);
    expect(n).toBeGreaterThan(2_500);
    expect(n).toBeLessThan(3_000); // the 15 s reconnect gap falls inside the window
    expect(row.symbol).toBe('GAPR');
    expect(String(row.date)).toBe(DATE);
    expect(row.gap_pct).toBe(18.25);
    expect(row.samples).toBe(n);
    expect(row.avg_spread as number).toBeCloseTo(sum.spread / n, 9);
    expect(row.avg_bid_size as number).toBeCloseTo(sum.bidSize / n, 6);
    expect(row.avg_bid_depth as number).toBeCloseTo(sum.bidDepth / n, 6);
    expect(row.avg_ask_depth as number).toBeCloseTo(sum.askDepth / n, 6);
    expect(row.avg_depth as number).toBeCloseTo((sum.bidDepth + sum.askDepth) / n, 6);
  });

  it('caps rows and reports the cut', async () => {
    const out = await engine.query('SELECT seq FROM depth ORDER BY seq', { maxRows: 5_000, timeoutMs: 60_000 });
    expect(out.rows).toHaveLength(5_000);
    expect(out.truncated).toBe(true);
    expect(out.rows[4_999]).toEqual([5_000]);
    const all = await engine.query('SELECT count(*) AS n FROM trades', { maxRows: 5_000, timeoutMs: 60_000 });
    expect(all.truncated).toBe(false);
    expect(all.columns).toEqual([{ name: 'n', type: 'BIGINT' }]);
  });

  const refused = async (sql: string): Promise<QueryError> => {
    try {
      await engine.query(sql, { maxRows: 10, timeoutMs: 10_000 });
    } catch (e) {
      if (e instanceof QueryError) return e;
      throw e;
    }
    throw new Error(`not refused: ${sql}`);
  };

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission|disabled/],
    ["SELECT * FROM read_text('/etc/hostname')", /Permission|disabled/],
    ['SELECT * FROM glob(\'/etc/*\')', /Permission|disabled/],
    ["SELECT * FROM read_parquet('RESEARCH/../recordings/**')", /Permission|disabled/],
    ["COPY (SELECT 1) TO 'RESEARCH/x.csv'", /read-only/],
    ["ATTACH 'RESEARCH/x.db'", /read-only/],
    ['INSTALL httpfs', /read-only/],
    ['LOAD httpfs', /read-only/],
    ['SET enable_external_access = true', /read-only/],
    ["SELECT 1; COPY (SELECT 1) TO 'RESEARCH/y.csv'", /one query/],
    ["SELECT * FROM query('COPY (SELECT 1) TO ''RESEARCH/z.csv''')", /SELECT/],
    ['SELECT * FROM no_such_table', /no_such_table/],
    ["SELECT repeat('x', 40000000) AS big", /larger than/],
  ])('refuses %s', async (sql, why) => {
    const e = await refused(sql.replaceAll('RESEARCH', researchRoot(tmp.dir)));
    expect(e.message).toMatch(why);
    expect(parquetFiles(researchRoot(tmp.dir)).length).toBe(6);
    expect(readdirSync(researchRoot(tmp.dir), { recursive: true, encoding: 'utf8' }).some((p) => /\.(csv|db)$/.test(p))).toBe(false);
  });

  it('stops a query that runs past its time', async () => {
    const e = await engine.query('SELECT count(*) FROM range(100000000000) a', { maxRows: 10, timeoutMs: 300 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).kind).toBe('timeout');
    const after = await engine.query('SELECT 42 AS x', { maxRows: 10, timeoutMs: 10_000 });
    expect(after.rows).toEqual([[42]]);
  });
});
