/** A BrokerPort test double: records subscriptions and lets a test push scanner rows and quotes. */
import type { BrokerStatus } from '../../../src-shared/contract/features/broker';
import { type Result, err, ok } from '../../../src-shared/contract/result';
import type { Bar } from '../../../src-shared/domain/bar';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { etDate, etToEpoch, previousSessions, sessionFor } from '../../../src-shared/domain/market-time';
import type {
  BrokerPort, HistoricalRequest, QuoteOwner, ScannerOwner, ScannerRequest, Subscription,
} from '../../../src-main/broker/port';

export const instrument = (symbol: string, conId = symbol.charCodeAt(0) * 1000 + symbol.length): Instrument => ({
  symbol, conId, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01,
});

interface Live<O, R> { request: R; owner: O; disposed: boolean }

/** `perMinute(date)` volume in every minute 04:00–19:59 ET of past sessions. */
export function syntheticDay(date: string, perMinute: number): Bar[] {
  const out: Bar[] = [];
  const start = etToEpoch(date, 4, 0);
  for (let i = 0; i < 960; i++) out.push({ tsOpen: start + i * 60_000, open: 10, high: 10, low: 10, close: 10, volume: perMinute });
  return out;
}

export class FakeBroker implements BrokerPort {
  scans: Array<Live<ScannerOwner, ScannerRequest>> = [];
  quotes: Array<Live<QuoteOwner, Instrument>> = [];
  historyCalls: HistoricalRequest[] = [];
  historyError: string | null = null;
  /** When true, history answers wait until `releaseHistory()`. */
  holdHistory = false;
  private held: Array<() => void> = [];
  /** Bars by ET date for any symbol. */
  days = new Map<string, Bar[]>();
  private nextId = 1;

  status(): BrokerStatus {
    return { state: 'connected', host: '127.0.0.1', port: 4002, clientId: 1, demo: true, mode: 'paper', accounts: [], attempt: 0, farms: [], lastErrors: [] };
  }
  onStatus() { return { dispose() {} }; }
  async resolve(symbol: string): Promise<Result<Instrument>> { return ok(instrument(symbol)); }
  subscribeDepth(): Subscription { throw new Error('not used'); }
  subscribeTape(): Subscription { throw new Error('not used'); }
  subscribeRealtimeBars(): Subscription { throw new Error('not used'); }

  private live<O, R>(list: Array<Live<O, R>>, request: R, owner: O): Subscription {
    const entry = { request, owner, disposed: false };
    list.push(entry);
    return { reqId: this.nextId++, dispose: () => { entry.disposed = true; } };
  }
  subscribeScanner(request: ScannerRequest, owner: ScannerOwner): Subscription { return this.live(this.scans, request, owner); }
  subscribeQuotes(inst: Instrument, owner: QuoteOwner): Subscription { return this.live(this.quotes, inst, owner); }

  async historicalBars(req: HistoricalRequest): Promise<Result<Bar[]>> {
    this.historyCalls.push(req);
    if (this.holdHistory) await new Promise<void>((r) => this.held.push(r));
    if (this.historyError) return err('PACING', this.historyError, 162);
    const span = Number(req.duration.split(' ')[0]);
    const endDate = etDate(req.end!);
    const endSession = sessionFor(endDate);
    const dates = previousSessions(endDate, span);
    if (endSession && req.end! > endSession.premarketOpen) dates.unshift(endDate);
    return ok(dates.slice(0, span).flatMap((d) => (this.days.get(d) ?? []).filter((b) => b.tsOpen < req.end!)));
  }

  releaseHistory() { for (const r of this.held.splice(0)) r(); }
  scan(code: string) { return this.scans.filter((s) => !s.disposed && s.request.scanCode === code); }
  pushRows(code: string, symbols: string[]) {
    for (const s of this.scan(code)) s.owner.onRows(symbols.map((sym, rank) => ({ rank, instrument: instrument(sym) })));
  }
  liveQuotes(): string[] { return this.quotes.filter((q) => !q.disposed).map((q) => q.request.symbol); }
  quote(symbol: string, update: Parameters<QuoteOwner['onQuote']>[0]) {
    for (const q of this.quotes) if (!q.disposed && q.request.symbol === symbol) q.owner.onQuote(update);
  }
}
