import type { Db } from './database';
import { etDate } from '../../src-shared/domain/et-time';

export interface ScannerHit {
  symbol: string;
  /** epoch ms */
  ts: number;
  gapPct: number | null;
  rvol: number | null;
  score: number | null;
  /** The scan code (or other source) that listed the name. */
  source: string;
}
export interface StoredScannerHit extends ScannerHit {
  id: number;
}
export interface ScannerHitsQuery {
  /** ET date YYYY-MM-DD of the hit. */
  date?: string;
  symbol?: string;
  /** Newest first; default 500. */
  limit?: number;
}

export interface ScannerHitsRepo {
  record(hit: ScannerHit): void;
  list(query: ScannerHitsQuery): StoredScannerHit[];
}

interface Row {
  id: number;
  symbol: string;
  ts: number;
  gap_pct: number | null;
  rvol: number | null;
  score: number | null;
  source: string;
}

export function createScannerHitsRepo(db: Db): ScannerHitsRepo {
  const insert = db.prepare(
    'INSERT INTO scanner_hits (symbol, ts, date, gap_pct, rvol, score, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[{ date: string | null; symbol: string | null; limit: number }], Row>(
    `SELECT id, symbol, ts, gap_pct, rvol, score, source FROM scanner_hits
     WHERE (@date IS NULL OR date = @date) AND (@symbol IS NULL OR symbol = @symbol)
     ORDER BY ts DESC, id DESC LIMIT @limit`,
  );
  return {
    record(hit) {
      const ts = Math.trunc(hit.ts);
      insert.run(hit.symbol, ts, etDate(ts), finite(hit.gapPct), finite(hit.rvol), finite(hit.score), hit.source);
    },
    list(query) {
      const limit = Math.max(1, Math.min(query.limit ?? 500, 100_000));
      return select.all({ date: query.date ?? null, symbol: query.symbol ?? null, limit }).map((r) => ({
        id: r.id,
        symbol: r.symbol,
        ts: r.ts,
        gapPct: r.gap_pct,
        rvol: r.rvol,
        score: r.score,
        source: r.source,
      }));
    },
  };
}

/** NaN and ±Infinity are not knowledge: store them as unknown. */
function finite(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}
