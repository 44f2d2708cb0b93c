/** Arguments, run and table of `npm run analyze` (cli.ts is only the process entry). */
import { parseArgs } from '../cli-args';
import { analyze, type AnalysisReport } from '../../src-shared/domain/metrics/analyze';
import { sliceBook, sliceTrades } from '../../src-shared/domain/metrics/series';
import { etToEpoch, isYmd, sessionFor } from '../../src-shared/domain/market-time';
import { loadSession, type LoadedSession } from './load-session';

export interface AnalyzeArgs {
  dataDir: string;
  symbol: string;
  date: string;
  sessionId?: string;
  from?: number;
  to?: number;
  bucketMs: number;
  levels: number;
  depthLevels: number;
  staleMs: number;
  json: boolean;
}

export function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(v.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`--bucket must look like 500ms, 1s, 10s or 1m (got ${v})`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'];
}

function etTime(date: string, flag: string, v: string | true | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`--${flag} must be HH:MM (ET)`);
  return etToEpoch(date, Number(m[1]), Number(m[2]));
}

export function parseAnalyzeArgs(argv: string[]): AnalyzeArgs {
  const a = parseArgs(argv);
  const str = (k: string): string => {
    const v = a.get(k);
    if (typeof v !== 'string' || !v) throw new Error(`--${k} is required`);
    return v;
  };
  const int = (k: string, d: number, lo: number, hi: number): number => {
    const v = a.get(k);
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`--${k} must be a whole number from ${lo} to ${hi}`);
    return n;
  };
  const date = str('date');
  if (!isYmd(date)) throw new Error('--date must be YYYY-MM-DD');
  const levels = int('levels', 10, 1, 50);
  const stale = Number(a.get('stale') ?? 10);
  if (!(stale > 0)) throw new Error('--stale must be a positive number of seconds');
  const session = a.get('session');
  return {
    dataDir: str('data-dir'), symbol: str('symbol').toUpperCase(), date,
    sessionId: typeof session === 'string' ? session : undefined,
    from: etTime(date, 'from', a.get('from')), to: etTime(date, 'to', a.get('to')),
    bucketMs: parseDuration(String(a.get('bucket') ?? '10s')), levels, depthLevels: int('depth-levels', Math.min(5, levels), 1, levels),
    staleMs: stale * 1000, json: a.has('json'),
  };
}

/** Market-open time covered by the recording: each session's span ∩ the regular session ∩ the range. */
function openIntervals(s: Pick<LoadedSession, 'metas' | 'book'>, date: string, from: number, to: number): Array<[number, number]> {
  const day = sessionFor(date);
  if (!day) return [];
  const lastT = s.book.n ? s.book.t[s.book.n - 1] : 0;
  return s.metas
    .map((m): [number, number] => [Math.max(m.startedAt, day.open, from), Math.min(m.stoppedAt ?? lastT, day.close, to)])
    .filter(([a, z]) => z > a);
}

/** The quality score's inputs over [from, to): open time, and the gaps and markers that begin inside it. */
export function qualityInput(loaded: Pick<LoadedSession, 'metas' | 'book'>, date: string, from: number, to: number, staleMs: number) {
  const inRange = (ts: number) => ts >= from && ts < to;
  return {
    open: openIntervals(loaded, date, from, to),
    gaps: loaded.metas.flatMap((m) => m.gaps).filter((g) => inRange(g.start)),
    markers: loaded.metas.flatMap((m) => m.markers).filter((m) => inRange(m.ts)),
    staleMs,
  };
}

export function runAnalysis(args: AnalyzeArgs) {
  const loaded = loadSession({ dataDir: args.dataDir, symbol: args.symbol, date: args.date, sessionId: args.sessionId, levels: args.levels });
  return analyzeLoaded(loaded, args);
}

/** The report over sessions already loaded (the CLI's, or an open replay's folders via replay:analysis). */
export function analyzeLoaded(loaded: LoadedSession, args: Pick<AnalyzeArgs, 'symbol' | 'date' | 'from' | 'to' | 'bucketMs' | 'depthLevels' | 'staleMs'>) {
  const from = args.from ?? -Infinity;
  const to = args.to ?? Infinity;
  const report = analyze({
    book: sliceBook(loaded.book, from, to),
    trades: sliceTrades(loaded.trades, from, to),
    bucketMs: args.bucketMs,
    depthLevels: args.depthLevels,
    quality: qualityInput(loaded, args.date, from, to, args.staleMs),
  });
  return { symbol: args.symbol, date: args.date, sessions: loaded.metas.map((m) => m.sessionId), warnings: loaded.warnings, ...report };
}

const f = (x: number | null | undefined, d = 4): string => (x === null || x === undefined ? '—' : Number(x.toFixed(d)).toString());

export function table(r: AnalysisReport & { symbol: string; date: string; sessions: string[] }): string {
  const rows: Array<[string, string]> = [
    ['sessions', r.sessions.join(', ')],
    ['events / trades', `${r.range.events} / ${r.range.trades}`],
    [`OFI β (${r.ofi.bucketMs} ms)`, `${f(r.ofi.beta, 8)} price/share, R² ${f(r.ofi.r2)}`],
    ['quoted spread', `${f(r.spread.quotedMean)} (${f(r.spread.relativeMeanBps, 2)} bps)`],
    ['effective spread', f(r.spread.effectiveMean)],
    ['POC / VAH / VAL', `${f(r.profile.poc)} / ${f(r.profile.vah)} / ${f(r.profile.val)}`],
    ['CVD (inferred)', String(r.cvd.final)],
    ["Kyle's λ", `${f(r.impact.kyleLambda, 8)} price/share`],
    [`depth imbalance (${r.depthImbalance.levels} lv)`, f(r.depthImbalance.mean)],
    ['micro-price', r.microPrice.converged ? `converged in ${r.microPrice.iterations} iterations` : 'did not converge'],
    ['quality (depth)', `${r.quality.score}/100${r.quality.reasons.length ? `: ${r.quality.reasons.join('; ')}` : ''}`],
    ['quality (tape)', `${r.tapeQuality.score}/100`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return `${r.symbol} ${r.date}\n${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`;
}

