/** A BrokerPort double for chart tests: deterministic history, counted requests, hand-fed live bars. */
import { err, ok, type Result } from '../../../src-shared/contract/result';
import type { BrokerStatus } from '../../../src-shared/contract/features/broker';
import type { Bar } from '../../../src-shared/domain/bar';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { addDays, etDate, etMidnight, etToEpoch, isTradingDay, sessionFor } from '../../../src-shared/domain/market-time';
import type { BarOwner, BrokerPort, HistoricalRequest, Subscription } from '../../../src-main/broker/port';
import type { Clock } from '../../../src-main/platform/clock';

/** The deterministic price of the minute opening at `ts`. */
export const priceAt = (ts: number): number => 100 + (Math.floor(ts / 60_000) % 97) * 0.01;

export const minuteBar = (ts: number): Bar => {
  const p = priceAt(ts);
  return { tsOpen: ts, open: p, high: p + 0.05, low: p - 0.05, close: p + 0.01, volume: 100 + (ts / 60_000) % 50, vwap: p, count: 3 };
};

export class FakeBroker implements BrokerPort {
  readonly requests: HistoricalRequest[] = [];
  resolves = 0;
  /** The next historical request fails with this error. */
  failNext: ReturnType<typeof err> | undefined;
  /** No history before this ET date (a recent listing). */
  listedFrom = '2000-01-01';
  readonly live: Array<{ instrument: Instrument; owner: BarOwner; disposed: boolean }> = [];

  constructor(private readonly clock: Clock) {}

  status(): BrokerStatus {
    throw new Error('not used by charts');
  }
  onStatus(): never {
    throw new Error('not used by charts');
  }
  async resolve(symbol: string): Promise<Result<Instrument>> {
    this.resolves++;
    if (symbol === 'NOPE') return err('NOT_FOUND', 'IB does not know NOPE.');
    return ok({ symbol, conId: 1000 + symbol.length, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 });
  }
  subscribeQuotes(): never {
    throw new Error('not used by charts');
  }
  subscribeDepth(): never {
    throw new Error('not used by charts');
  }
  subscribeTape(): never {
    throw new Error('not used by charts');
  }
  subscribeScanner(): never {
    throw new Error('not used by charts');
  }
  subscribeRealtimeBars(instrument: Instrument, owner: BarOwner): Subscription {
    const entry = { instrument, owner, disposed: false };
    this.live.push(entry);
    return { reqId: this.live.length, dispose: () => void (entry.disposed = true) };
  }

  /** Sends a 5-second bar to every live subscription of a symbol. */
  pushLive(symbol: string, bar: Bar): void {
    for (const l of this.live) if (!l.disposed && l.instrument.symbol === symbol) l.owner.onBar(bar);
  }

  async historicalBars(request: HistoricalRequest): Promise<Result<Bar[]>> {
    this.requests.push(request);
    if (this.failNext) {
      const f = this.failNext;
      this.failNext = undefined;
      return f;
    }
    const end = Math.min(request.end ?? this.clock.now(), this.clock.now());
    return ok(request.barSize === '1 min' ? this.minutes(end, request.useRTH) : this.dailies(end, request.duration));
  }

  private minutes(end: number, rth: boolean): Bar[] {
    const s = sessionFor(etDate(end - 1));
    if (!s || s.date < this.listedFrom) return [];
    const out: Bar[] = [];
    const [from, to] = rth ? [s.open, s.close] : [s.premarketOpen, s.afterHoursClose];
    for (let t = from; t < Math.min(to, end); t += 60_000) out.push(minuteBar(t));
    return out;
  }

  private dailies(end: number, duration: string): Bar[] {
    const [n, unit] = duration.split(' ');
    const span = Number(n) * (unit === 'Y' ? 365 : 1);
    const last = etDate(end - 1);
    const out: Bar[] = [];
    for (let i = span - 1; i >= 0; i--) {
      const d = addDays(last, -i);
      if (!isTradingDay(d) || d < this.listedFrom || end <= etToEpoch(d, 9, 30)) continue;
      const b = minuteBar(etToEpoch(d, 15, 59));
      out.push({ ...b, tsOpen: etMidnight(d), volume: 1_000_000 });
    }
    return out;
  }
}
