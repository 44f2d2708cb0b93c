import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../platform/clock';
import { createBackfillRepo, type BackfillRepo } from './backfill-repo';
import { createBarCacheRepo, type BarCacheRepo } from './bar-cache-repo';
import { checkIntegrity, openDatabase, type Db } from './database';
import { keepDamagedCopy } from '../platform/damaged-file';
import { createLedgerRepo, type LedgerRepo } from './ledger-repo';
import { migrate } from './migrate';
import { createRecordingsRepo, type RecordingsRepo } from './recordings-repo';
import { createScannerHitsRepo, type ScannerHitsRepo } from './scanner-hits-repo';
import { createSchedulerRunsRepo, type SchedulerRunsRepo } from './scheduler-runs-repo';
import { createAuditRepo, type AuditRepo } from './audit-repo';
import { hardenWith, durableTransaction } from './durable-transaction';
import { WalHardener } from './wal-hardener';
import { INTENT_JOURNAL_FILE, openIntentJournal, recoverJournal, type IntentJournal, type JournalLine } from './intent-journal';
import { createTradingRepo, type TradingRepo } from './trading-repo';

export type { BackfillChunkRow, BackfillChunkState, BackfillJobRow, BackfillJobState, BackfillRepo, ChunkOutcome } from './backfill-repo';
export type { BarCacheRepo, CachedDay } from './bar-cache-repo';
export type { ExecutionOutcome, FillsQuery, LedgerBatchResult, LedgerEntry, LedgerRepo } from './ledger-repo';
export type { RunOutcome, SchedulerRun, SchedulerRunsRepo } from './scheduler-runs-repo';
export type { RecordingsRepo, RecordingRecord, RecordingState, RecordingsQuery } from './recordings-repo';
export type { AuditAppend, AuditRepo } from './audit-repo';
export type { OrderEventRecord, PositionLedger, TradingRepo } from './trading-repo';
export type { ScannerHit, ScannerHitsQuery, ScannerHitsRepo, StoredScannerHit } from './scanner-hits-repo';

export const DB_FILE_NAME = 'tapedeck.db';

/** The typed facade over tapedeck.db: one connection, one writer, repos per concept. */
export interface Storage {
  readonly bars: BarCacheRepo;
  readonly hits: ScannerHitsRepo;
  readonly recordings: RecordingsRepo;
  readonly ledger: LedgerRepo;
  readonly schedulerRuns: SchedulerRunsRepo;
  readonly backfill: BackfillRepo;
  readonly audit: AuditRepo;
  readonly trading: TradingRepo;
  /**
   * Runs writes in one transaction that survives a power cut (orders, fills, audit): committed (safe from an app
   * crash) when it returns, fsynced off the main thread right after (wal-hardener.ts; `hardened()` awaits it).
   */
  durably<T>(fn: () => T): T;
  /** Resolves once every durable write made so far is on the disk. */
  hardened(): Promise<void>;
  /** The order path's pre-send record (intent-journal.ts). */
  readonly journal: IntentJournal;
  /** Intents this start found in the journal without their SQLite row, now recorded (and audited). */
  readonly recoveredIntents: readonly JournalLine[];
  /** The file the storage lives in. */
  readonly file: string;
  close(): void;
}

export interface OpenStorageOptions {
  /** better_sqlite3.node built for Electron's ABI; undefined under Node. */
  nativeBinding?: string;
  /** Stamps cache rows; defaults to the system clock. */
  clock?: Clock;
  /** A failed background fsync (the disk said no): the caller logs it and tells the user. */
  onHardenError?: (e: Error) => void;
}

/** Opens <dataDir>/tapedeck.db (creating the directory), runs pending migrations, and returns the repos. */
export function openStorage(dataDir: string, options: OpenStorageOptions = {}): Storage {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DB_FILE_NAME);
  const db = openDatabase(file, { nativeBinding: options.nativeBinding });
  try {
    checkIntegrity(db);
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  const hardener = new WalHardener(`${file}-wal`, { onError: options.onHardenError });
  const journalPath = join(dataDir, INTENT_JOURNAL_FILE);
  const repos = facade(db, file, options.clock ?? systemClock, hardener);
  // Before the hardener is registered: this recovery commits with synchronous=FULL, so the journal can go.
  let recovered: JournalLine[];
  try {
    recovered = recoverJournal(journalPath, (id) => repos.trading.isAcceptedIntent(id), (missing) =>
      durableTransaction(db, () => {
      for (const { ts, intent } of missing) {
        repos.trading.recordIntent(intent, ts, { ok: true });
        repos.audit.append({
          ts, kind: 'reconciliation', intentId: intent.intentId, symbol: intent.symbol,
          message: `intent ${intent.intentId} recovered from the journal: the app stopped after accepting it, before recording it`, data: { intent },
        });
      }
    }),
    );
  } catch (e) {
    db.close();
    throw e;
  }
  hardenWith(db, hardener);
  const journal = openIntentJournal(journalPath);
  return {
    ...repos,
    journal,
    recoveredIntents: recovered,
    close() {
      journal.close();
      repos.close();
    },
  };
}

/** SQLite's answers for a file that is not (or no longer) a sound database. */
const DAMAGED_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export interface OpenedStorage {
  storage: Storage;
  /** Set when tapedeck.db was damaged: where the copy went and why; the storage is a fresh file. */
  damaged: { copy: string; reason: string } | null;
}

/**
 * openStorage, but a damaged tapedeck.db (not a database, malformed pages) is moved aside with its
 * -wal and -shm as tapedeck.db.corrupt-<stamp> and a fresh one is created, so the app still starts; the
 * caller tells the user. Any other failure (a newer schema, a read-only disk) still throws.
 */
export function openStorageKeepingDamaged(dataDir: string, options: OpenStorageOptions & { now?: () => number } = {}): OpenedStorage {
  try {
    return { storage: openStorage(dataDir, options), damaged: null };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !DAMAGED_CODES.has(code)) throw e;
    const copy = keepDamagedCopy(join(dataDir, DB_FILE_NAME), (options.now ?? Date.now)(), ['-wal', '-shm']);
    return { storage: openStorage(dataDir, options), damaged: { copy, reason: `${code}: ${(e as Error).message}` } };
  }
}

function facade(db: Db, file: string, clock: Clock, hardener: WalHardener): Omit<Storage, 'journal' | 'recoveredIntents'> {
  return {
    bars: createBarCacheRepo(db, clock),
    hits: createScannerHitsRepo(db),
    recordings: createRecordingsRepo(db),
    ledger: createLedgerRepo(db, clock),
    schedulerRuns: createSchedulerRunsRepo(db),
    backfill: createBackfillRepo(db),
    audit: createAuditRepo(db),
    trading: createTradingRepo(db),
    durably: (fn) => durableTransaction(db, fn),
    hardened: () => hardener.hardened(),
    file,
    close() {
      hardener.close();
      if (db.open) db.close();
    },
  };
}
