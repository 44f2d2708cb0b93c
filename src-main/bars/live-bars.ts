/**
 * Live forming bars for watched charts. One IB real-time-bar subscription (5 s bars) per symbol feeds
 * one BarBuilder per watched timeframe; each update is emitted as a LiveBar. Watches are ref-counted
 * per symbol and timeframe, the subscription per symbol.
 */
import type { LiveBar } from '../../src-shared/contract/features/chart';
import type { AppError } from '../../src-shared/contract/result';
import type { Bar, Timeframe } from '../../src-shared/domain/bar';
import { BarBuilder, resampleBars } from '../../src-shared/domain/bars';
import type { Instrument } from '../../src-shared/domain/instrument';
import { barOpen, etDate, sessionFor } from '../../src-shared/domain/market-time';
import type { BarOwner, BrokerPort, Subscription } from '../broker/port';
import type { Logger } from '../platform/log';

interface Watched {
  refs: number;
  builder: BarBuilder;
  /** Minutes already folded in from history, so the stream does not add them twice. */
  seededUntil: number;
}

interface SymbolWatch {
  timeframes: Map<Timeframe, Watched>;
  sub?: Subscription;
  closed: boolean;
}

export interface LiveBarsDeps {
  broker: BrokerPort;
  emit: (bar: LiveBar) => void;
  log: Logger;
  /** The instrument, resolving it when needed. */
  instrument: (symbol: string) => Promise<{ ok: true; value: Instrument } | { ok: false; error: AppError }>;
  /** Cached 1-minute bars from `tsOpen` on (regular hours only for 1d), to start a forming bar mid-interval. */
  history: (symbol: string, timeframe: Timeframe, tsOpen: number) => Bar[];
}

export class LiveBars {
  private readonly symbols = new Map<string, SymbolWatch>();

  constructor(private readonly deps: LiveBarsDeps) {}

  watch(symbol: string, timeframe: Timeframe, now: number): void {
    let entry = this.symbols.get(symbol);
    if (!entry) {
      entry = { timeframes: new Map(), closed: false };
      this.symbols.set(symbol, entry);
      void this.subscribe(symbol, entry);
    }
    const w = entry.timeframes.get(timeframe);
    if (w) w.refs++;
    else entry.timeframes.set(timeframe, this.seeded(symbol, timeframe, now));
  }

  /** Returns false when the chart was not watched. */
  unwatch(symbol: string, timeframe: Timeframe): boolean {
    const entry = this.symbols.get(symbol);
    const w = entry?.timeframes.get(timeframe);
    if (!entry || !w) return false;
    if (--w.refs === 0) entry.timeframes.delete(timeframe);
    if (entry.timeframes.size === 0) this.close(symbol, entry);
    return true;
  }

  isWatched(symbol: string, timeframe: Timeframe): boolean {
    return this.symbols.get(symbol)?.timeframes.has(timeframe) ?? false;
  }

  dispose(): void {
    for (const [symbol, entry] of [...this.symbols]) this.close(symbol, entry);
  }

  private close(symbol: string, entry: SymbolWatch): void {
    entry.closed = true;
    entry.sub?.dispose();
    this.symbols.delete(symbol);
  }

  /** Starts the forming bar from the whole minutes history already has for the current interval. */
  private seeded(symbol: string, timeframe: Timeframe, now: number): Watched {
    const open = barOpen(now, timeframe);
    const finer = this.deps.history(symbol, timeframe, open).filter((b) => b.tsOpen >= open);
    const seed = finer.length > 0 ? resampleBars(finer, timeframe)[0] : undefined;
    const last = finer[finer.length - 1];
    return { refs: 1, builder: new BarBuilder(timeframe, seed), seededUntil: last ? last.tsOpen + 60_000 : -Infinity };
  }

  private async subscribe(symbol: string, entry: SymbolWatch): Promise<void> {
    const inst = await this.deps.instrument(symbol);
    if (entry.closed) return;
    if (!inst.ok) {
      this.deps.log.warn('cannot watch chart', { symbol, reason: inst.error.message });
      return;
    }
    entry.sub = this.deps.broker.subscribeRealtimeBars(inst.value, this.owner(symbol, entry));
  }

  private owner(symbol: string, entry: SymbolWatch): BarOwner {
    const log = this.deps.log;
    return {
      onBar: (bar) => this.onBar(symbol, entry, bar),
      onPause: (i) => log.info('live bars paused', { symbol, reason: i.reason }),
      onResume: (i) => log.info('live bars resumed', { symbol, gapMs: i.end - i.start, dataLost: i.dataLost }),
      onError: (e) => log.warn('live bars failed', { symbol, code: e.code, reason: e.message }),
    };
  }

  private onBar(symbol: string, entry: SymbolWatch, bar: Bar): void {
    if (entry.closed) return;
    for (const [timeframe, w] of entry.timeframes) {
      if (bar.tsOpen < w.seededUntil) continue;
      // The daily bar is the regular session's, like IB's useRTH daily bars it continues.
      if (timeframe === '1d' && !isRegular(bar.tsOpen)) continue;
      const update = w.builder.addBar(bar);
      this.deps.emit({ symbol, timeframe, bar: update.bar });
    }
  }
}

function isRegular(ms: number): boolean {
  const s = sessionFor(etDate(ms));
  return s !== null && ms >= s.open && ms < s.close;
}
