/**
 * IB's historical-data pacing: no identical request within 15 s, fewer than 6 requests for one
 * contract/exchange/tick type within 2 s, at most 60 requests per 10 minutes (BID_ASK counts twice),
 * at most 50 open at once. Wall-clock based, like TWS. The 10-minute ceiling is IB's rule for small bars
 * (30 s or less) and ticks: bars of a minute or more neither count against it nor are refused by it.
 */
import type { SimSession } from '../session';

export interface PacingKey {
  /** Identical-request key (contract, end, duration, bar size, what, RTH). */
  identical: string;
  /** contract + exchange + whatToShow. */
  contract: string;
  cost: number;
  /** Counts against the 10-minute ceiling (bars of 30 s or less, ticks); default true. */
  capped?: boolean;
}

export class HistoricalPacing {
  private readonly log: Array<{ t: number; key: PacingKey }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** True when the request may go; records it. `open` is how many requests are still open. */
  admit(key: PacingKey, open: number): boolean {
    const t = this.now();
    while (this.log.length && this.log[0].t <= t - 600_000) this.log.shift();
    if (open >= 50) return false;
    let inTenMinutes = 0;
    let sameContractRecent = 0;
    for (const e of this.log) {
      if (e.key.capped !== false) inTenMinutes += e.key.cost;
      if (e.key.identical === key.identical && e.t > t - 15_000) return false;
      if (e.key.contract === key.contract && e.t > t - 2_000) sameContractRecent++;
    }
    if (sameContractRecent >= 5) return false;
    if (key.capped !== false && inTenMinutes + key.cost > 60) return false;
    this.log.push({ t, key });
    return true;
  }
}

const perSession = new WeakMap<SimSession, HistoricalPacing>();

/** One pacing log per connection, shared by bars and historical ticks (IB counts both). */
export function sessionPacing(s: SimSession): HistoricalPacing {
  let p = perSession.get(s);
  if (!p) {
    const scale = s.ctx.config.pacingTimeScale ?? 1;
    perSession.set(s, (p = new HistoricalPacing(scale === 1 ? Date.now : () => Date.now() * scale)));
  }
  return p;
}
