/**
 * IB's historical-data pacing rules as a pure engine. Given what was sent recently and what is open, it
 * says how long a request must wait. Breaking any rule costs an error 162 and, repeated, a disconnect.
 *
 * IB's hard limits ("Pacing Violations for Small Bars", TWS API historical limitations) are for bars of
 * 30 seconds or less: the 60-per-10-minutes ceiling counts and binds only those (and historical ticks and
 * head timestamps, which we treat the same way). Bars of a minute and more are soft-throttled by IB, never
 * refused, so a chart of 1-minute bars never waits behind the ceiling. Background work (backfill) keeps to
 * the ceiling for every bar size, as a courtesy that keeps IB's soft throttling off the trader's charts.
 * The identical-request and per-contract burst rules are kept for every request.
 */
export interface PacingLimits {
  /** No identical request within this window. */
  identicalMs: number;
  /** Fewer than `burstMax + 1` requests for one contract/exchange/tick type within `burstMs`. */
  burstMs: number;
  burstMax: number;
  /** At most `longMax` request units within `longMs` (BID_ASK counts twice). */
  longMs: number;
  longMax: number;
  /** At most this many requests awaiting their answer. */
  maxOpen: number;
  /** Added to every window: the gateway measures on arrival, we measure on send. */
  marginMs: number;
}

export const IB_PACING: PacingLimits = {
  identicalMs: 15_000,
  burstMs: 2_000,
  burstMax: 5,
  longMs: 600_000,
  longMax: 60,
  maxOpen: 50,
  marginMs: 250,
};

export interface PacedRequest {
  /** Everything that makes two requests "identical" (contract, end, duration, bar size, what, RTH). */
  identity: string;
  /** contract/exchange/tick type. */
  group: string;
  /** 2 for BID_ASK, else 1. */
  weight: number;
  /** Counts against IB's 60-per-10-minutes ceiling (bars of 30 s or less, ticks); default true. */
  capped?: boolean;
}

export interface SentRecord extends PacedRequest {
  at: number;
}

export interface PacingLog {
  sent: readonly SentRecord[];
  open: number;
}

/** Milliseconds until `req` may be sent (0 = now); Infinity when only a completion can free a slot. */
export function pacingDelay(log: PacingLog, req: PacedRequest, now: number, limits: PacingLimits = IB_PACING): number {
  if (log.open >= limits.maxOpen) return Infinity;
  const m = limits.marginMs;
  let wait = 0;
  for (const r of log.sent) {
    if (r.identity === req.identity) wait = Math.max(wait, r.at + limits.identicalMs + m - now);
  }
  const burst = log.sent.filter((r) => r.group === req.group && r.at > now - limits.burstMs - m);
  const burstUnits = burst.reduce((n, r) => n + r.weight, 0);
  if (burstUnits + req.weight > limits.burstMax) {
    wait = Math.max(wait, releaseTime(burst, burstUnits + req.weight - limits.burstMax, limits.burstMs + m) - now);
  }
  const long = isCapped(req) ? log.sent.filter((r) => isCapped(r) && r.at > now - limits.longMs - m) : [];
  const longUnits = long.reduce((n, r) => n + r.weight, 0);
  if (isCapped(req) && longUnits + req.weight > limits.longMax) {
    wait = Math.max(wait, releaseTime(long, longUnits + req.weight - limits.longMax, limits.longMs + m) - now);
  }
  return Math.max(0, wait);
}

/** When enough of the oldest records (ascending by time) leave a window of `windowMs` to free `units`. */
function releaseTime(records: readonly SentRecord[], units: number, windowMs: number): number {
  let freed = 0;
  for (const r of records) {
    freed += r.weight;
    if (freed >= units) return r.at + windowMs;
  }
  return records.length > 0 ? records[records.length - 1].at + windowMs : 0;
}

/** Forgets records no rule can still see. */
export function pruneLog(sent: readonly SentRecord[], now: number, limits: PacingLimits = IB_PACING): SentRecord[] {
  const horizon = Math.max(limits.identicalMs, limits.burstMs, limits.longMs) + limits.marginMs;
  return sent.filter((r) => r.at > now - horizon);
}

const isCapped = (r: PacedRequest): boolean => r.capped !== false;

/** True for IB bar sizes of 30 seconds or less ("1 secs" … "30 secs"), which IB's hard pacing rules cover. */
export function isSmallBarSize(barSize: string): boolean {
  const m = /^\s*(\d+)\s*secs?\s*$/i.exec(barSize);
  return m !== null && Number(m[1]) <= 30;
}

/**
 * Whether a bar request counts against (and waits for) the 10-minute ceiling: IB's hard rule binds small
 * bars; background jobs keep to it for every bar size anyway, so a backfill never draws IB's soft
 * throttling onto the trader's charts.
 */
export function countsAgainstCeiling(barSize: string, priority: 'interactive' | 'background'): boolean {
  return isSmallBarSize(barSize) || priority === 'background';
}

export function requestWeight(whatToShow: string): number {
  return whatToShow === 'BID_ASK' ? 2 : 1;
}

/**
 * IB's windows shrunk by `scale`, for a simulator whose pacing clock runs `scale` times faster (benchmarks,
 * acceptance tests). The margin stays in real milliseconds: it covers socket jitter, which does not scale.
 */
export function scalePacing(limits: PacingLimits, scale: number, marginMs = limits.marginMs): PacingLimits {
  if (scale === 1) return limits;
  return { ...limits, identicalMs: limits.identicalMs / scale, burstMs: limits.burstMs / scale, longMs: limits.longMs / scale, marginMs };
}
