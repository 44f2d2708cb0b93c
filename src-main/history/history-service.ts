/**
 * The journal over the ledger: fills → round trips (with notes, the scanner's context at entry and MAE/MFE
 * from cached 1-minute bars), statistics and breakdowns for any ET date range, and imports.
 */
import { type Result, err, ok } from '../../src-shared/contract/result';
import { addDays } from '../../src-shared/domain/civil-date';
import { etDate, etMidnight } from '../../src-shared/domain/et-time';
import { type Breakdowns, type EntryContext, computeBreakdowns } from '../../src-shared/domain/trades/breakdowns';
import { withExcursion } from '../../src-shared/domain/trades/excursion';
import type { Fill } from '../../src-shared/domain/trades/fill';
import type { MatchMethod, RoundTrip } from '../../src-shared/domain/trades/round-trip';
import { buildRoundTrips } from '../../src-shared/domain/trades/round-trips';
import { type TripStats, computeStats } from '../../src-shared/domain/trades/stats';
import type { Bar } from '../../src-shared/domain/bar';
import type { BarCacheRepo, LedgerRepo, ScannerHitsRepo } from '../storage';
import { type FlexImportResult, importFlexFile, importFlexWebService } from './flex/flex-import';
import type { FlexStatementSource } from './flex/flex-web-service';
import { FLEX_QUERY_SECRET, FLEX_TOKEN_SECRET, type SecretStore } from './secret-store';

export interface HistoryRange {
  /** ET dates YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  account?: string;
  symbol?: string;
  method?: MatchMethod;
}

export type HistoryImport = { kind: 'file'; path: string; flexZone?: string } | { kind: 'flex-web'; queryId: string; flexZone?: string };

export interface HistoryDeps {
  ledger: LedgerRepo;
  hits?: Pick<ScannerHitsRepo, 'list'>;
  bars?: Pick<BarCacheRepo, 'getDay'>;
  secrets: SecretStore;
  flex: FlexStatementSource;
  /** How far before the range to read fills, so a trip opened earlier is whole. Default 10 days. */
  lookbackDays?: number;
}

export interface HistoryStats {
  stats: TripStats;
  breakdowns: Breakdowns;
}

export class HistoryService {
  constructor(private readonly deps: HistoryDeps) {}

  fills(range: HistoryRange): Fill[] {
    return this.deps.ledger.fills({ from: etMidnight(range.from), to: etMidnight(addDays(range.to, 1)), account: range.account, symbol: range.symbol });
  }

  /** Trips that ended (or, still open, began) inside the range. */
  trips(range: HistoryRange): RoundTrip[] {
    const lookback = this.deps.lookbackDays ?? 10;
    const fills = this.deps.ledger.fills({ from: etMidnight(addDays(range.from, -lookback)), to: etMidnight(addDays(range.to, 1)), account: range.account, symbol: range.symbol });
    const trips = buildRoundTrips(fills, { method: range.method ?? 'fifo', notes: this.deps.ledger.notes() });
    return trips
      .filter((t) => {
        const d = etDate(t.exitTime ?? t.entryTime);
        return d >= range.from && d <= range.to;
      })
      .map((t) => withExcursion(t, this.barPath(t)));
  }

  stats(range: HistoryRange, trips = this.trips(range)): HistoryStats {
    return { stats: computeStats(trips), breakdowns: computeBreakdowns(trips, this.entryContext(trips)) };
  }

  /** The scanner's last gap % and RVOL for the symbol at or before each trip's entry, that ET day. */
  entryContext(trips: readonly RoundTrip[]): Map<string, EntryContext> {
    const out = new Map<string, EntryContext>();
    if (!this.deps.hits) return out;
    for (const t of trips) {
      const hits = this.deps.hits.list({ date: etDate(t.entryTime), symbol: t.symbol, limit: 1000 });
      const hit = hits.find((h) => h.ts <= t.entryTime);
      if (hit) out.set(t.id, { gapPct: hit.gapPct, rvol: hit.rvol });
    }
    return out;
  }

  /** 1-minute bars of the trip's day from the SQLite cache, if backfill or the charts loaded them. */
  dayBars(symbol: string, date: string): Bar[] {
    return this.deps.bars?.getDay(symbol, '1m', date, true)?.bars ?? this.deps.bars?.getDay(symbol, '1m', date, false)?.bars ?? [];
  }

  private barPath(t: RoundTrip) {
    if (t.open) return undefined;
    const bars = this.dayBars(t.symbol, etDate(t.entryTime));
    return bars.length ? { kind: 'bars' as const, barMs: 60_000, bars } : undefined;
  }

  /** What the UI may know of the Flex Web Service settings: whether a token is kept, never the token. */
  async flexStatus(): Promise<Result<{ hasToken: boolean; queryId: string | null; protection: 'os' | 'memory' }>> {
    const [token, queryId] = await Promise.all([this.deps.secrets.get(FLEX_TOKEN_SECRET), this.deps.secrets.get(FLEX_QUERY_SECRET)]);
    return ok({ hasToken: !!token, queryId, protection: this.deps.secrets.protection });
  }

  async setFlex(input: { token?: string | null; queryId?: string | null }): Promise<Result<{ hasToken: boolean; queryId: string | null; protection: 'os' | 'memory' }>> {
    for (const [name, value] of [[FLEX_TOKEN_SECRET, input.token], [FLEX_QUERY_SECRET, input.queryId]] as const) {
      if (value === null) await this.deps.secrets.delete(name);
      else if (value !== undefined) await this.deps.secrets.set(name, value);
    }
    return this.flexStatus();
  }

  async import(req: HistoryImport): Promise<Result<FlexImportResult>> {
    if (req.kind === 'flex-web') return importFlexWebService(this.deps.ledger, this.deps.secrets, this.deps.flex, req.queryId, { flexZone: req.flexZone });
    if (!/\.(xml|csv|txt)$/i.test(req.path)) return err('INVALID_INPUT', 'Choose a Flex Query file ending in .xml or .csv.');
    try {
      return ok(await importFlexFile(this.deps.ledger, req.path, { flexZone: req.flexZone }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return err('NOT_FOUND', `No file at ${req.path}.`);
      return err('INVALID_INPUT', `Could not import ${req.path}: ${(e as Error).message}`);
    }
  }
}
