/**
 * The premarket gap + RVOL scanner. IB's scans nominate candidates; each candidate gets a quote stream
 * (released when it leaves) and its RVOL history; rows are computed with the pure domain functions and
 * sent to the grid as coalesced deltas of changed rows only.
 */
import type { RecordingMark, ScannerDelta, ScannerRow, ScannerSnapshot } from '../../src-shared/contract/features/scanner';
import type { ScannerFilters } from '../../src-shared/contract/features/settings';
import type { Bar } from '../../src-shared/domain/bar';
import { cumulativeVolume, lastPremarketPrice, sessionVolumes } from '../../src-shared/domain/gap-rvol';
import { etDate, marketPhase, sessionFor } from '../../src-shared/domain/market-time';
import type { BrokerPort, QuoteSnapshot, Subscription } from '../broker/port';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { type Candidate, SCAN_CODES, type ScanRow, mergeScans, passesFilters, scanRequest } from './candidates';
import { DeltaTracker } from './delta-tracker';
import { LoadQueue } from './load-queue';
import { type CandidateState, buildRow } from './row-model';
import { type HistoryCache, loadRvolHistory } from './rvol-history';

export interface ScannerHitSink {
  record(hit: { symbol: string; ts: number; gapPct: number | null; rvol: number | null; score: number | null; source: string }): void;
}

export interface ScannerDeps {
  broker: BrokerPort;
  clock: Clock;
  filters: () => ScannerFilters;
  history: HistoryCache;
  hits: ScannerHitSink;
  emit: (delta: ScannerDelta) => void;
  log: Logger;
}

/** At most one delta per this many ms. */
export const COALESCE_MS = 250;
/** Time-dependent values (RVOL, the 09:30 freeze) are re-evaluated this often without new data. */
export const REFRESH_MS = 1_000;
/**
 * A new candidate is shown and logged once its first quote arrives, or after this long without one
 * (then with "—"): rows of dashes that vanish a moment later, once their gap is known, help nobody.
 */
export const QUOTE_GRACE_MS = 2_000;
/** RVOL history requests in flight at once. */
export const HISTORY_CONCURRENCY = 2;

const NO_SUBSCRIPTION: Subscription = { reqId: -1, dispose: () => {} };

interface Tracked extends CandidateState {
  quoteSub: Subscription;
  /** When this listing began (a name can leave the scan and come back the same day). */
  trackedAt: number;
  /** Bumped whenever the RVOL history is (re)requested, so a stale answer is dropped. */
  historyEpoch: number;
}

function awaitingFirstQuote(c: Tracked, now: number): boolean {
  return Object.keys(c.quote).length === 0 && now - c.trackedAt < QUOTE_GRACE_MS;
}

export class ScannerService {
  private readonly scans = new Map<string, ScanRow[]>();
  private readonly scanSubs = new Map<string, Subscription>();
  private readonly tracked = new Map<string, Tracked>();
  /** Per ET day: when each name was first listed, and which names have been logged as hits. */
  private readonly firstSeen = new Map<string, number>();
  private readonly hitLogged = new Set<string>();
  private readonly deltas = new DeltaTracker();
  private readonly historyQueue = new LoadQueue(HISTORY_CONCURRENCY);
  private marks = new Map<string, RecordingMark>();
  private error: string | null = null;
  private updatedAt: number | null = null;
  private day = '';
  private sessions = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private started = false;
  private disposed = false;

  constructor(private readonly deps: ScannerDeps) {}

  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.day = etDate(this.deps.clock.now());
    this.sessions = this.deps.filters().rvolSessions;
    this.subscribeScans();
    this.refreshTimer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  snapshot(): ScannerSnapshot {
    return { rows: this.rows(), updatedAt: this.updatedAt, error: this.error };
  }

  setRecordingMarks(marks: Map<string, RecordingMark>): void {
    this.marks = new Map(marks);
    for (const c of this.tracked.values()) c.recording = this.marks.get(c.instrument.symbol) ?? 'none';
    this.markDirty();
  }

  filtersChanged(): void {
    if (!this.started || this.disposed) return;
    for (const sub of this.scanSubs.values()) sub.dispose();
    this.scanSubs.clear();
    this.subscribeScans();
    this.reconcile();
    const sessions = this.deps.filters().rvolSessions;
    if (sessions !== this.sessions) {
      this.sessions = sessions;
      for (const c of this.tracked.values()) this.loadHistory(c);
    }
    this.markDirty();
  }

  /** Sends the pending delta now (the coalescing timer calls this). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.disposed) return;
    const rows = this.rows();
    this.recordHits(rows);
    const delta = this.deltas.next(rows, this.error, this.deps.filters().alertTopN);
    if (delta) this.deps.emit(delta);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.flushTimer);
    clearInterval(this.refreshTimer);
    this.historyQueue.close();
    for (const sub of this.scanSubs.values()) sub.dispose();
    for (const c of this.tracked.values()) c.quoteSub.dispose();
    this.scanSubs.clear();
    this.tracked.clear();
  }

  private subscribeScans(): void {
    const filters = this.deps.filters();
    for (const code of SCAN_CODES) {
      const sub = this.deps.broker.subscribeScanner(scanRequest(code, filters), {
        onRows: (rows) => this.onScanRows(code, rows),
        onError: (e) => this.setError(`Scanner ${code}: ${e.message}`),
        onPause: (info) => this.setError(`Scanner paused: ${info.reason}`),
        onResume: () => this.setError(null),
      });
      this.scanSubs.set(code, sub);
    }
  }

  private onScanRows(code: string, rows: ScanRow[]): void {
    if (this.disposed) return;
    this.scans.set(code, rows);
    this.error = null;
    this.touch();
    this.reconcile();
  }

  private setError(message: string | null): void {
    if (message) this.deps.log.warn('scanner error', { message });
    this.error = message;
    this.markDirty();
  }

  /** Brings the watched set in line with the merged scans: new names subscribed, departed ones released. */
  private reconcile(): void {
    const merged = mergeScans(this.scans, SCAN_CODES, this.deps.filters().maxLines);
    const keep = new Set(merged.map((c) => c.instrument.symbol));
    for (const [symbol, c] of this.tracked) {
      if (keep.has(symbol)) continue;
      c.quoteSub.dispose();
      this.tracked.delete(symbol);
      this.deps.log.debug('candidate left', { symbol });
    }
    for (const m of merged) {
      const c = this.tracked.get(m.instrument.symbol);
      if (c) {
        c.rank = m.rank;
        c.sources = m.sources;
      } else this.track(m);
    }
    this.markDirty();
  }

  private track(m: Candidate): void {
    const symbol = m.instrument.symbol;
    const now = this.deps.clock.now();
    if (!this.firstSeen.has(symbol)) this.firstSeen.set(symbol, now);
    const c: Tracked = {
      instrument: m.instrument, rank: m.rank, sources: m.sources, firstSeen: this.firstSeen.get(symbol)!,
      quote: {}, premarketLast: null, premarketVolume: null, rvolState: 'loading', history: [],
      recording: this.marks.get(symbol) ?? 'none', historyEpoch: 0, quoteSub: NO_SUBSCRIPTION, trackedAt: now,
    };
    this.tracked.set(symbol, c);
    c.quoteSub = this.deps.broker.subscribeQuotes(m.instrument, {
      onQuote: (u) => this.onQuote(c, u),
      onError: (e) => this.deps.log.warn('quote stream error', { symbol, message: e.message }),
    });
    this.deps.log.debug('candidate entered', { symbol, rank: m.rank });
    this.loadHistory(c);
  }

  private onQuote(c: Tracked, u: QuoteSnapshot): void {
    if (this.disposed || this.tracked.get(c.instrument.symbol) !== c) return;
    for (const [k, v] of Object.entries(u)) if (v !== undefined) (c.quote as Record<string, unknown>)[k] = v;
    const now = this.deps.clock.now();
    if (marketPhase(now) === 'premarket') {
      const s = sessionFor(etDate(now))!;
      const lastIsToday = u.lastTime === undefined || u.lastTime >= s.premarketOpen;
      if (u.last !== undefined && lastIsToday) c.premarketLast = u.last;
      if (c.quote.volume !== undefined) c.premarketVolume = c.quote.volume;
    }
    this.touch();
    this.markDirty();
  }

  private loadHistory(c: Tracked): void {
    const epoch = ++c.historyEpoch;
    c.rvolState = 'loading';
    const symbol = c.instrument.symbol;
    const current = () => !this.disposed && c.historyEpoch === epoch && this.tracked.get(symbol) === c;
    this.historyQueue.push({ priority: () => c.rank, wanted: current, run: () => this.fetchHistory(c, current) });
  }

  private async fetchHistory(c: Tracked, current: () => boolean): Promise<void> {
    const now = this.deps.clock.now();
    const today = etDate(now);
    const session = sessionFor(today);
    // Started after the open without having watched the premarket: today's bars give its volume and last trade.
    const needToday = !!session && now >= session.open && c.premarketVolume === null;
    const symbol = c.instrument.symbol;
    try {
      const res = await loadRvolHistory(this.deps.broker, this.deps.history, c.instrument, { today, sessions: this.sessions, now, needToday });
      if (!current()) return;
      if (!res.ok) {
        c.rvolState = 'unavailable';
        this.deps.log.warn('RVOL history unavailable', { symbol, message: res.error.message });
      } else {
        c.history = res.value.past.map(sessionVolumes);
        c.rvolState = 'ready';
        if (res.value.today && session) this.applyTodayBars(c, res.value.today, session.premarketOpen, session.open);
      }
    } catch (e) {
      if (!current()) return;
      c.rvolState = 'unavailable';
      this.deps.log.error('RVOL history failed', { symbol, message: String(e) });
    }
    this.markDirty();
  }

  private applyTodayBars(c: Tracked, bars: Bar[], premarketOpen: number, open: number): void {
    c.premarketVolume ??= cumulativeVolume(bars, premarketOpen, open);
    c.premarketLast ??= lastPremarketPrice(bars, etDate(open));
  }

  private rows(): ScannerRow[] {
    const now = this.deps.clock.now();
    const filters = this.deps.filters();
    const out: ScannerRow[] = [];
    for (const c of this.tracked.values()) {
      if (awaitingFirstQuote(c, now)) continue;
      const row = buildRow(c, now, this.sessions);
      if (passesFilters(row, filters)) out.push(row);
    }
    return out.sort((a, b) => a.rank - b.rank);
  }

  private recordHits(rows: ScannerRow[]): void {
    const now = this.deps.clock.now();
    const bySymbol = new Map(rows.map((r) => [r.symbol, r]));
    for (const c of this.tracked.values()) {
      if (this.hitLogged.has(c.instrument.symbol)) continue;
      const row = bySymbol.get(c.instrument.symbol) ?? buildRow(c, now, this.sessions);
      // The hit keeps the gap, so it waits for a last price rather than any quote.
      if (row.last === null && now - c.trackedAt < QUOTE_GRACE_MS) continue;
      this.hitLogged.add(c.instrument.symbol);
      this.deps.hits.record({ symbol: row.symbol, ts: now, gapPct: row.gapPct, rvol: row.rvol, score: row.score, source: c.sources.join(',') });
    }
  }

  /** Re-evaluates time-dependent values; at ET midnight starts a new day's state. */
  private refresh(): void {
    const today = etDate(this.deps.clock.now());
    if (today !== this.day) {
      this.day = today;
      this.firstSeen.clear();
      this.hitLogged.clear();
      const now = this.deps.clock.now();
      for (const c of this.tracked.values()) {
        Object.assign(c, { premarketLast: null, premarketVolume: null, firstSeen: now });
        this.firstSeen.set(c.instrument.symbol, now);
        this.loadHistory(c);
      }
    }
    this.markDirty();
  }

  private touch(): void {
    this.updatedAt = this.deps.clock.now();
  }

  private markDirty(): void {
    if (this.disposed || this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), COALESCE_MS);
  }
}
