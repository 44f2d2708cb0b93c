/**
 * Backfill planning, pure: instruments × ET dates × what → tasks (one output file each, or a run of daily
 * files) made of chunks (one IB request each, or a tick window walked 1,000 at a time). The sessions come from
 * the NYSE calendar (holidays, half days, DST through market-time); the start is clamped to IB's head
 * timestamp; bars of 30 s or less older than six months are refused before anything is sent.
 */
import { err, ok, type Result } from '../../../src-shared/contract/result';
import { addDays, formatYmd, parseYmd } from '../../../src-shared/domain/civil-date';
import { etDate, etMidnight, isHoliday, isTradingDay, isYmd, sessionFor } from '../../../src-shared/domain/market-time';
import { BAR_SIZES, isSmallBar, type BarSizeKey } from './bar-sizes';

export type BarWhat = 'TRADES' | 'MIDPOINT' | 'BID_ASK';
export type TickWhat = 'TRADES' | 'BID_ASK';

export interface BackfillSpec {
  symbols: readonly string[];
  /** First and last ET session date, inclusive (YYYY-MM-DD). */
  start: string;
  end: string;
  kind: 'bars' | 'ticks';
  /** Bars only. */
  bar: BarSizeKey;
  what: BarWhat;
  /** Regular trading hours only (09:30–16:00, 13:00 on half days) instead of 04:00–20:00. */
  rth: boolean;
}

export interface PlanContext {
  now: number;
  /** reqHeadTimestamp per symbol (epoch ms), when known. */
  heads?: Readonly<Record<string, number>>;
}

export interface PlannedChunk {
  /** Stable identity of the request window (the manifest's key). */
  key: string;
  /** Window [start, end) in epoch ms; the answer is trimmed to it. */
  start: number;
  end: number;
  /** IB duration string ("1800 S", "1 D", "7 D"); undefined for ticks (walked forward instead). */
  duration?: string;
}

export interface PlannedTask {
  key: string;
  /** Position in the input order (symbols × dates), which the run's manifest keeps. */
  index: number;
  symbol: string;
  kind: 'bars' | 'ticks';
  bar?: BarSizeKey;
  what: BarWhat;
  rth: boolean;
  /** ET session dates this task writes (one file each). */
  dates: string[];
  chunks: PlannedChunk[];
}

export interface SkippedDay {
  symbol?: string;
  date: string;
  reason: string;
}

export interface BackfillPlan {
  tasks: PlannedTask[];
  skipped: SkippedDay[];
  /** Requests to send (ticks: one per window at least). */
  requests: number;
  /** Requests in IB's pacing units (BID_ASK counts twice). */
  units: number;
  /** Time IB's 60-per-10-minutes ceiling needs for them. */
  estimatedMs: number;
}

const TEN_MINUTES = 600_000;
const DAY_MS = 86_400_000;

/** How long IB's pacing needs for `units`: the first 60 go at once, then 60 per 10 minutes. */
export function pacedDurationMs(units: number): number {
  return units <= 60 ? 0 : Math.ceil(((units - 60) / 60) * TEN_MINUTES);
}

/** The civil date six months before `date` (day clamped to the month's length). */
export function sixMonthsBefore(date: string): string {
  const { y, m, d } = parseYmd(date);
  const total = y * 12 + (m - 1) - 6;
  const yy = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return formatYmd(yy, mm, Math.min(d, last));
}

function validate(spec: BackfillSpec, today: string): Result<void> {
  if (spec.symbols.length === 0) return err('INVALID_INPUT', 'Give at least one symbol.');
  if (!isYmd(spec.start) || !isYmd(spec.end)) return err('INVALID_INPUT', 'Dates must look like 2025-03-14.');
  if (spec.start > spec.end) return err('INVALID_INPUT', `The start ${spec.start} is after the end ${spec.end}.`);
  if (spec.start >= today) return err('INVALID_INPUT', `The range must end before today (${today}): a session still trading is not backfilled.`);
  if (spec.kind === 'ticks' && spec.what === 'MIDPOINT') return err('INVALID_INPUT', 'Historical ticks are TRADES or BID_ASK.');
  if (spec.kind === 'bars' && isSmallBar(spec.bar)) {
    const limit = sixMonthsBefore(today);
    if (spec.start < limit) {
      return err('INVALID_INPUT', `IB serves bars of 30 seconds or less only for the last six months: the start ${spec.start} is before ${limit}. Use 1-minute bars or a later start.`);
    }
  }
  return ok(undefined);
}

/** Trading days in [start, end], the holidays noted. */
function sessions(start: string, end: string, skipped: SkippedDay[]): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    if (isTradingDay(d)) out.push(d);
    else if (isHoliday(d)) skipped.push({ date: d, reason: 'NYSE holiday' });
  }
  return out;
}

function window(date: string, rth: boolean): { start: number; end: number } {
  const s = sessionFor(date)!;
  return rth ? { start: s.open, end: s.close } : { start: s.premarketOpen, end: s.afterHoursClose };
}

const calendarSpan = (first: string, last: string): number => Math.round((etMidnight(last) - etMidnight(first)) / DAY_MS) + 1;

/** Consecutive sessions grouped so each group's calendar span fits `maxDays`. */
function groupDays(days: readonly string[], maxDays: number): string[][] {
  const groups: string[][] = [];
  for (const d of days) {
    const g = groups[groups.length - 1];
    if (g && calendarSpan(g[0], d) <= maxDays) g.push(d);
    else groups.push([d]);
  }
  return groups;
}

function chunkKey(symbol: string, spec: BackfillSpec, start: number, end: number): string {
  const what = spec.kind === 'bars' ? `${spec.bar}|${spec.what}` : `ticks|${spec.what}`;
  return [symbol, what, spec.rth ? 'rth' : 'all', start, end].join('|');
}

/** Sub-minute bars: each session cut into windows of IB's maximum seconds. */
function secondChunks(symbol: string, spec: BackfillSpec, w: { start: number; end: number }, maxSeconds: number): PlannedChunk[] {
  const out: PlannedChunk[] = [];
  for (let t = w.start; t < w.end; t += maxSeconds * 1000) {
    const end = Math.min(w.end, t + maxSeconds * 1000);
    out.push({ key: chunkKey(symbol, spec, t, end), start: t, end, duration: `${Math.round((end - t) / 1000)} S` });
  }
  return out;
}

function barTasks(symbol: string, spec: BackfillSpec, days: readonly string[], head: number): PlannedTask[] {
  const size = BAR_SIZES[spec.bar];
  const base = { symbol, kind: 'bars' as const, bar: spec.bar, what: spec.what, rth: spec.rth, index: 0 };
  const clamp = (c: { start: number; end: number }) => ({ start: Math.max(c.start, head), end: c.end });
  if (size.maxSeconds !== undefined) {
    return days.map((date) => ({ ...base, key: `${symbol}|${spec.bar}|${spec.what}|${spec.rth ? 1 : 0}|${date}`, dates: [date], chunks: secondChunks(symbol, spec, clamp(window(date, spec.rth)), size.maxSeconds!) }));
  }
  const daily = spec.bar === '1day';
  return groupDays(days, size.maxDays!).map((group) => {
    const first = group[0];
    const last = group[group.length - 1];
    const w = daily ? { start: etMidnight(first), end: etMidnight(addDays(last, 1)) } : { start: window(first, spec.rth).start, end: window(last, spec.rth).end };
    const c = clamp(w);
    const chunk: PlannedChunk = { key: chunkKey(symbol, spec, c.start, c.end), start: c.start, end: c.end, duration: `${calendarSpan(first, last)} D` };
    return { ...base, key: `${symbol}|${spec.bar}|${spec.what}|${spec.rth ? 1 : 0}|${first}`, dates: group, chunks: [chunk] };
  });
}

function tickTasks(symbol: string, spec: BackfillSpec, days: readonly string[], head: number): PlannedTask[] {
  return days.map((date) => {
    const w = window(date, spec.rth);
    const start = Math.max(w.start, head);
    return {
      key: `${symbol}|ticks|${spec.what}|${spec.rth ? 1 : 0}|${date}`, index: 0, symbol, kind: 'ticks', what: spec.what, rth: spec.rth,
      dates: [date], chunks: [{ key: chunkKey(symbol, spec, start, w.end), start, end: w.end }],
    };
  });
}

/** Drops the sessions that end before IB's first data for the symbol. */
function afterHead(symbol: string, days: readonly string[], head: number | undefined, rth: boolean, skipped: SkippedDay[]): string[] {
  if (head === undefined) return [...days];
  return days.filter((d) => {
    const keep = window(d, rth).end > head;
    if (!keep) skipped.push({ symbol, date: d, reason: `before IB's first data for ${symbol} (${etDate(head)})` });
    return keep;
  });
}

export function planBackfill(spec: BackfillSpec, ctx: PlanContext): Result<BackfillPlan> {
  const today = etDate(ctx.now);
  const valid = validate(spec, today);
  if (!valid.ok) return valid;
  const skipped: SkippedDay[] = [];
  const last = spec.end < today ? spec.end : addDays(today, -1);
  if (last !== spec.end) skipped.push({ date: spec.end, reason: `range clamped to ${last}: today's session is not complete` });
  const days = sessions(spec.start, last, skipped);
  const tasks: PlannedTask[] = [];
  for (const symbol of spec.symbols) {
    const head = ctx.heads?.[symbol];
    const mine = afterHead(symbol, days, head, spec.rth, skipped);
    const made = spec.kind === 'bars' ? barTasks(symbol, spec, mine, head ?? -Infinity) : tickTasks(symbol, spec, mine, head ?? -Infinity);
    for (const t of made) tasks.push({ ...t, index: tasks.length });
  }
  const requests = tasks.reduce((n, t) => n + t.chunks.length, 0);
  const units = requests * (spec.what === 'BID_ASK' ? 2 : 1);
  return ok({ tasks, skipped, requests, units, estimatedMs: pacedDurationMs(units) });
}
