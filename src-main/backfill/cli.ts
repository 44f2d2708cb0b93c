/**
 * `npm run backfill -- (--symbols A,B | --from-hits <YYYY-MM-DD>) --start <YYYY-MM-DD> --end <YYYY-MM-DD>
 *   [--bar 1min] [--what TRADES] [--rth] [--ticks] [--dry-run] [--force] [--max-workers n] [--strict]
 *   [--gateway host:port] --data-dir <dir>` — prints one line per task and the SUMMARY line.
 */
import { resolve } from 'node:path';
import { createBroker, type IbBroker } from '../broker/ib-broker';
import { IB_PACING, scalePacing } from '../broker/pacing-rules';
import { intArg, parseArgs, parseHostPort } from '../cli-args';
import { startDemoGateway, type DemoGateway } from '../demo-gateway';
import { systemClock, type Clock } from '../platform/clock';
import { createLogger } from '../platform/log';
import { openStorage, type Storage } from '../storage';
import { resolveAndPlan } from './backfill-job';
import { BAR_SIZE_KEYS, parseBarSizeKey } from './plan/bar-sizes';
import type { BackfillSpec } from './plan/plan';
import { runBackfill } from './run-backfill';

const HELP = `Usage: npm run backfill -- (--symbols A,B | --from-hits YYYY-MM-DD) --start YYYY-MM-DD --end YYYY-MM-DD --data-dir DIR [options]

Fetches IB historical bars into DIR/bars/symbol=SYM/bar=SIZE/date=YYYY-MM-DD.arrow through the app's pacing
gate (60 requests / 10 min, no identical request within 15 s, 5 per contract in 2 s, BID_ASK counts twice).
A rerun skips what the SQLite manifest (DIR/tapedeck.db) has done; a killed run resumes.

  --symbols A,B          symbols to fetch
  --from-hits DATE       the scanner's hits of that ET date (from DIR/tapedeck.db)
  --start, --end DATE    first and last ET session date, inclusive
  --bar SIZE             ${BAR_SIZE_KEYS.join(', ')} (default 1min; "1 min", "5m" also work)
  --what W               TRADES (default), MIDPOINT or BID_ASK
  --rth                  regular hours only (default 04:00-20:00 ET)
  --ticks                historical ticks instead of bars (TRADES or BID_ASK, walked 1,000 per request)
  --dry-run              print the plan (tasks, requests, time at IB's pacing) and send no bar request
  --force                redo tasks the manifest has as done
  --max-workers N        tasks in parallel (default 4; pacing is enforced whatever N)
  --strict               exit 1 when any task failed
  --gateway HOST:PORT    TWS / IB Gateway; WITHOUT IT THE BUILT-IN SIMULATOR IS STARTED IN-PROCESS (demo data)
  --client-id N          API client id (default 17)
  --pacing-time-scale X  for a simulator started with the same --pacing-time-scale only (tests, benchmarks)
  --data-dir DIR         where bars, the manifest and tapedeck.db live (required)
  --describe             print inputs and outputs as JSON
  --help                 this text

Outputs: one line per task ("WRITE AAPL 2025-03-03 rows=960"), DIR/backfill_runs/<job>/backfill_manifest.jsonl
(a line per task, in input order), backfill_summary.json, and the last line
SUMMARY WRITE=n SKIP=n EMPTY=n ERROR=n total=n concurrency=n duration=1.234s
Exit: 0 done (1 with --strict when any task failed), 2 bad arguments or refused plan.`;

const DESCRIBE = {
  name: 'backfill',
  inputs: {
    symbols: 'comma-separated tickers (or from-hits)', 'from-hits': 'ET date YYYY-MM-DD', start: 'ET date', end: 'ET date',
    bar: BAR_SIZE_KEYS, what: ['TRADES', 'MIDPOINT', 'BID_ASK'], rth: 'flag', ticks: 'flag (TRADES or BID_ASK ticks)', 'dry-run': 'flag', force: 'flag',
    'max-workers': 'integer 1-16, default 4', strict: 'flag', gateway: 'host:port; absent = in-process simulator', 'client-id': 'integer',
    'pacing-time-scale': 'number, simulator only', 'data-dir': 'directory (required)',
  },
  outputs: {
    stdout: ['<STATUS> <SYM> <dates> rows=<n> [error]', 'SUMMARY WRITE=n SKIP=n EMPTY=n ERROR=n total=n concurrency=n duration=1.234s'],
    files: ['bars/symbol=SYM/bar=SIZE/date=YYYY-MM-DD.arrow (Arrow IPC file: ts_open, open, high, low, close, volume, vwap, count)',
      'backfill_runs/<job>/backfill_manifest.jsonl', 'backfill_runs/<job>/backfill_summary.json', 'tapedeck.db (backfill_jobs, backfill_chunks)'],
    exit: { 0: 'done', 1: '--strict and a task failed, or a fatal error', 2: 'bad arguments or refused plan' },
  },
};

type Args = Map<string, string | true>;
const str = (a: Args, k: string): string | undefined => (typeof a.get(k) === 'string' ? (a.get(k) as string) : undefined);

function specFrom(a: Args, storage: Storage): BackfillSpec {
  const start = str(a, 'start');
  const end = str(a, 'end');
  if (!start || !end) throw new Error('--start and --end are required');
  const bar = parseBarSizeKey(str(a, 'bar') ?? '1min');
  if (!bar) throw new Error(`--bar must be one of ${BAR_SIZE_KEYS.join(', ')}`);
  const what = (str(a, 'what') ?? 'TRADES').toUpperCase();
  if (what !== 'TRADES' && what !== 'MIDPOINT' && what !== 'BID_ASK') throw new Error('--what must be TRADES, MIDPOINT or BID_ASK');
  const hits = str(a, 'from-hits');
  const symbols = hits
    ? [...new Set(storage.hits.list({ date: hits, limit: 500 }).map((h) => h.symbol))].sort()
    : (str(a, 'symbols') ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (!symbols.length) throw new Error(hits ? `no scanner hits recorded on ${hits}` : 'give --symbols A,B or --from-hits DATE');
  return { symbols, start, end, kind: a.has('ticks') ? 'ticks' : 'bars', bar, what, rth: a.has('rth') };
}

async function connect(a: Args, scale: number): Promise<{ broker: IbBroker; clock: Clock; demo?: DemoGateway }> {
  const gw = str(a, 'gateway');
  const log = createLogger('backfill');
  const demo = gw ? undefined : await startDemoGateway({}, log.child('demo'));
  const target = gw ? parseHostPort(gw) : { host: '127.0.0.1', port: demo!.port };
  const clock = demo ? demo.clock : systemClock;
  const broker = createBroker({
    connection: { demo: !gw, host: target.host, port: target.port, clientId: intArg(a, 'client-id', 17, 0, 2147483647), connectTimeoutSec: 10 },
    demo: !gw, clock, log: log.child('broker'), pacing: scalePacing(IB_PACING, scale, scale === 1 ? IB_PACING.marginMs : 150),
  });
  broker.start();
  const deadline = Date.now() + 20_000;
  while (broker.status().state !== 'connected') {
    if (Date.now() > deadline) throw new Error(`could not connect to ${target.host}:${target.port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { broker, clock, demo };
}

async function main(argv: string[]): Promise<number> {
  const a = parseArgs(argv);
  if (a.has('help')) return (process.stdout.write(`${HELP}\n`), 0);
  if (a.has('describe')) return (process.stdout.write(`${JSON.stringify(DESCRIBE, null, 2)}\n`), 0);
  const dataDir = str(a, 'data-dir');
  if (!dataDir) throw new UsageError('--data-dir is required');
  const storage = openStorage(resolve(dataDir));
  const scale = Number(str(a, 'pacing-time-scale') ?? 1);
  let spec: BackfillSpec;
  try {
    spec = specFrom(a, storage);
  } catch (e) {
    storage.close();
    throw new UsageError((e as Error).message);
  }
  const { broker, clock, demo } = await connect(a, scale);
  const watchdog = exitWhenDisconnected(broker, 60_000);
  try {
    const o = { port: broker, repo: storage.backfill, clock, dataDir: resolve(dataDir), maxWorkers: intArg(a, 'max-workers', 4, 1, 16), force: a.has('force') };
    if (a.has('dry-run')) return await dryRun(spec, o.port, clock);
    const out = await runBackfill(spec, { ...o, onTask: (r) => process.stdout.write(`${r.status} ${r.symbol} ${r.dates.join(',')} rows=${r.rows}${r.error ? ` ${r.error}` : ''}\n`) });
    if ('error' in out) return (process.stderr.write(`backfill: ${out.error}\n`), 2);
    for (const s of out.skipped) process.stdout.write(`# skipped ${s.symbol ?? '*'} ${s.date}: ${s.reason}\n`);
    process.stdout.write(`${out.line}\n`);
    return a.has('strict') && out.summary.ERROR > 0 ? 1 : 0;
  } finally {
    clearInterval(watchdog);
    await broker.dispose();
    await demo?.close();
    storage.close();
  }
}

async function dryRun(spec: BackfillSpec, port: IbBroker, clock: Clock): Promise<number> {
  const planned = await resolveAndPlan(port, spec, clock.now());
  if ('error' in planned) return (process.stderr.write(`backfill: ${planned.error}\n`), 2);
  const p = planned.plan;
  process.stdout.write(`${JSON.stringify({ tasks: p.tasks.length, requests: p.requests, units: p.units, estimatedSeconds: p.estimatedMs / 1000, skipped: p.skipped, unresolved: planned.unresolved })}\n`);
  return 0;
}

/**
 * Paced requests wait through a reconnect, which is right in the app but would leave a CLI hanging when the
 * gateway is gone for good: after `ms` without a connection it exits 1 (the manifest keeps what was done).
 */
function exitWhenDisconnected(broker: IbBroker, ms: number): NodeJS.Timeout {
  let downSince: number | undefined;
  const t = setInterval(() => {
    if (broker.status().state === 'connected') return void (downSince = undefined);
    downSince ??= Date.now();
    if (Date.now() - downSince < ms) return;
    process.stderr.write(`backfill: no connection to IB for ${ms / 1000} s; stopping. Run the same command again to resume.\n`);
    process.exit(1);
  }, 1000);
  t.unref();
  return t;
}

class UsageError extends Error {}

main(process.argv.slice(2).filter((x) => x !== '--')).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`backfill: ${(e as Error).message}\n`);
    if (e instanceof UsageError) process.stderr.write('Try --help.\n');
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
