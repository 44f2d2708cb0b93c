/**
 * Gap, relative volume and spread exactly as DESIGN §4 defines them. Every function returns null
 * (never 0, Infinity or NaN) when the inputs cannot give an honest number.
 *   Gap %   = 100·(P_ref − C_prev)/C_prev; C_prev adjusted for splits effective today; P_ref is the last
 *             premarket trade before 09:30 ET, the official open after. The premarket gap freezes at 09:30.
 *   RVOL(t) = cumulative volume anchor→t today ÷ mean of the same window over the N previous sessions.
 *   Daily RVOL = today's volume ÷ mean daily volume of the N previous sessions.
 */
import type { Bar } from './bar';
import { ANCHOR_MS_OF_DAY, type SessionAnchor, etAtMsOfDay, etDate, etMsOfDay, sessionFor } from './market-time';

const finitePositive = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0;

/** C_prev in today's share terms: a 7:1 split today divides yesterday's close by 7. */
export function adjustedPrevClose(prevClose: number | null | undefined, splitRatioToday = 1): number | null {
  if (!finitePositive(prevClose) || !finitePositive(splitRatioToday)) return null;
  return prevClose / splitRatioToday;
}

export function gapPct(ref: number | null | undefined, prevClose: number | null | undefined): number | null {
  if (!finitePositive(ref) || !finitePositive(prevClose)) return null;
  return (100 * (ref - prevClose)) / prevClose;
}

export interface SessionGapInput {
  now: number;
  /** The official previous regular-session close, unadjusted. */
  prevClose: number | null | undefined;
  /** Ratio of splits effective today (7 for 7:1); 1 when none. */
  splitRatio?: number;
  /** The last trade printed between 04:00 and 09:30 ET today (as of now, or as of 09:30 once past it). */
  lastPremarketPrice: number | null | undefined;
  /** Today's official opening price, once known. */
  officialOpen: number | null | undefined;
}

export interface SessionGap {
  gapPct: number | null;
  /** True from 09:30 ET on: the premarket gap no longer moves. */
  frozen: boolean;
  /** Which price the gap uses. */
  basis: 'premarket' | 'open' | null;
}

/**
 * Today's gap at `now`. Before 09:30 it follows the last premarket trade; from 09:30 it uses the official
 * open, and until that print is known it shows the premarket gap frozen at 09:30.
 */
export function sessionGap(input: SessionGapInput): SessionGap {
  const cPrev = adjustedPrevClose(input.prevClose, input.splitRatio ?? 1);
  const frozen = etMsOfDay(input.now) >= ANCHOR_MS_OF_DAY['09:30'];
  const openGap = frozen ? gapPct(input.officialOpen, cPrev) : null;
  if (openGap !== null) return { gapPct: openGap, frozen, basis: 'open' };
  const pre = gapPct(input.lastPremarketPrice, cPrev);
  return { gapPct: pre, frozen, basis: pre === null ? null : 'premarket' };
}

/** The close of the last 1-minute bar that opened in [04:00, 09:30) ET on the bars' date, or null. */
export function lastPremarketPrice(bars: Bar[], date: string): number | null {
  const s = sessionFor(date);
  if (!s) return null;
  let price: number | null = null;
  for (const b of bars) {
    if (b.tsOpen >= s.premarketOpen && b.tsOpen < s.open && b.volume > 0) price = b.close;
  }
  return price;
}

/**
 * Volume traded in [from, to) from bars of `barMs` each. The bar straddling `to` counts pro rata to the
 * elapsed part, which matches what a live cumulative volume shows at `to` on average.
 */
export function cumulativeVolume(bars: Bar[], from: number, to: number, barMs = 60_000): number {
  let sum = 0;
  for (const b of bars) {
    if (b.tsOpen < from || b.tsOpen >= to) continue;
    sum += b.volume * Math.min(1, (to - b.tsOpen) / barMs);
  }
  return sum;
}

export interface RvolResult {
  rvol: number | null;
  /** Mean volume of the same window over the sessions used. */
  baseline: number | null;
  /** Fewer than requested when the history is short (then the mean is over what exists). */
  sessionsUsed: number;
}

const NO_RVOL = (sessionsUsed: number, baseline: number | null = null): RvolResult => ({ rvol: null, baseline, sessionsUsed });

function ratio(today: number | null | undefined, samples: number[]): RvolResult {
  if (samples.length === 0) return NO_RVOL(0);
  const baseline = samples.reduce((a, b) => a + b, 0) / samples.length;
  if (typeof today !== 'number' || !Number.isFinite(today) || today < 0 || !(baseline > 0)) {
    return NO_RVOL(samples.length, baseline > 0 ? baseline : null);
  }
  return { rvol: today / baseline, baseline, sessionsUsed: samples.length };
}

export interface PastSession {
  date: string;
  /** That session's 1-minute bars (extended hours when the anchor is 04:00). */
  bars: Bar[];
}

/**
 * A past session reduced to what RVOL reads: bar open times and volumes in two typed arrays. The scanner
 * keeps 20 sessions for each of up to 50 candidates; as Bar objects that was ~100 MB of heap, as this ~15 MB.
 */
export interface SessionVolumes {
  date: string;
  tsOpen: Float64Array;
  volume: Float64Array;
}

export function sessionVolumes(s: PastSession): SessionVolumes {
  const tsOpen = new Float64Array(s.bars.length);
  const volume = new Float64Array(s.bars.length);
  s.bars.forEach((b, i) => ((tsOpen[i] = b.tsOpen), (volume[i] = b.volume)));
  return { date: s.date, tsOpen, volume };
}

/** cumulativeVolume over a SessionVolumes: the same sum, bar for bar. */
function windowVolume(s: PastSession | SessionVolumes, from: number, to: number, barMs = 60_000): number {
  if ('bars' in s) return cumulativeVolume(s.bars, from, to, barMs);
  let sum = 0;
  for (let i = 0; i < s.tsOpen.length; i++) {
    const t = s.tsOpen[i];
    if (t < from || t >= to) continue;
    sum += s.volume[i] * Math.min(1, (to - t) / barMs);
  }
  return sum;
}

const barCount = (s: PastSession | SessionVolumes): number => ('bars' in s ? s.bars.length : s.tsOpen.length);

/**
 * Time-of-day RVOL at `now`: `todayCumulative` (volume since the anchor today) over the mean volume of
 * the same wall-clock window in the `sessions` most recent past sessions given.
 */
export function timeOfDayRvol(
  todayCumulative: number | null | undefined,
  history: ReadonlyArray<PastSession | SessionVolumes>,
  now: number,
  anchor: SessionAnchor,
  sessions = 20,
): RvolResult {
  const anchorMs = ANCHOR_MS_OF_DAY[anchor];
  const nowMs = etMsOfDay(now);
  if (nowMs <= anchorMs) return NO_RVOL(0);
  // A session without a single bar is one the name did not trade (not yet listed): it is not a sample.
  const recent = history.filter((s) => barCount(s) > 0).sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, sessions);
  const samples = recent.map((s) =>
    windowVolume(s, etAtMsOfDay(s.date, anchorMs), etAtMsOfDay(s.date, nowMs)),
  );
  return ratio(todayCumulative, samples);
}

/** Today's volume since the anchor up to `now`, from today's 1-minute bars. */
export function todayCumulativeFromBars(bars: Bar[], now: number, anchor: SessionAnchor): number {
  return cumulativeVolume(bars, etAtMsOfDay(etDate(now), ANCHOR_MS_OF_DAY[anchor]), now);
}

/** Daily RVOL: today's volume over the mean of the last `sessions` entries of `previousVolumes` (oldest first). */
export function dailyRvol(todayVolume: number | null | undefined, previousVolumes: number[], sessions = 20): RvolResult {
  return ratio(todayVolume, previousVolumes.slice(-sessions));
}

export interface Spread {
  spread: number | null;
  /** Spread as a percentage of the mid price. */
  spreadPct: number | null;
}

export function spreadOf(bid: number | null | undefined, ask: number | null | undefined): Spread {
  if (!finitePositive(bid) || !finitePositive(ask) || ask < bid) return { spread: null, spreadPct: null };
  const spread = ask - bid;
  return { spread, spreadPct: (100 * spread) / ((ask + bid) / 2) };
}
