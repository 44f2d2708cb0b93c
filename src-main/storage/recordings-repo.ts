import type { RecordingSummary } from '../../src-shared/contract/features/recorder';
import type { Db } from './database';

export type RecordingState = 'open' | 'closed' | 'repaired';
export type RecordingRecord = RecordingSummary & { state: RecordingState };

export interface RecordingsQuery {
  symbol?: string;
  /** Newest first; default 500. */
  limit?: number;
}

export interface RecordingsRepo {
  /** Inserts or replaces the catalog row of a session (the recorder calls it on start, periodically, and on stop). */
  upsert(rec: RecordingRecord): void;
  list(query: RecordingsQuery): RecordingSummary[];
  /** Sessions still marked open: after a start-up these were cut by a crash and need repair. */
  markOpenSessions(): Array<RecordingSummary & { state: 'open' }>;
}

interface Row {
  session_id: string;
  symbol: string;
  date: string;
  path: string;
  started_at: number;
  stopped_at: number | null;
  depth_messages: number;
  tick_messages: number;
  bytes: number;
  state: RecordingState;
}

const COLUMNS = 'session_id, symbol, date, path, started_at, stopped_at, depth_messages, tick_messages, bytes, state';

export function createRecordingsRepo(db: Db): RecordingsRepo {
  const upsert = db.prepare(
    `INSERT INTO recordings (${COLUMNS})
     VALUES (@sessionId, @symbol, @date, @path, @startedAt, @stoppedAt, @depthMessages, @tickMessages, @bytes, @state)
     ON CONFLICT (session_id) DO UPDATE SET
       symbol = excluded.symbol, date = excluded.date, path = excluded.path, started_at = excluded.started_at,
       stopped_at = excluded.stopped_at, depth_messages = excluded.depth_messages,
       tick_messages = excluded.tick_messages, bytes = excluded.bytes, state = excluded.state`,
  );
  const list = db.prepare<[{ symbol: string | null; limit: number }], Row>(
    `SELECT ${COLUMNS} FROM recordings WHERE (@symbol IS NULL OR symbol = @symbol)
     ORDER BY started_at DESC, session_id LIMIT @limit`,
  );
  const open = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM recordings WHERE state = 'open' ORDER BY started_at`);
  return {
    upsert(rec) {
      upsert.run({
        sessionId: rec.sessionId,
        symbol: rec.symbol,
        date: rec.date,
        path: rec.path,
        startedAt: Math.trunc(rec.startedAt),
        stoppedAt: rec.stoppedAt === null ? null : Math.trunc(rec.stoppedAt),
        depthMessages: rec.depthMessages,
        tickMessages: rec.tickMessages,
        bytes: rec.bytes,
        // `repaired: true` with state 'closed' still means repaired: keep the two in agreement.
        state: rec.state === 'closed' && rec.repaired ? 'repaired' : rec.state,
      });
    },
    list(query) {
      const limit = Math.max(1, Math.min(query.limit ?? 500, 100_000));
      return list.all({ symbol: query.symbol ?? null, limit }).map(toSummary);
    },
    markOpenSessions() {
      return open.all().map((r) => ({ ...toSummary(r), state: 'open' as const }));
    },
  };
}

function toSummary(r: Row): RecordingSummary {
  return {
    sessionId: r.session_id,
    symbol: r.symbol,
    date: r.date,
    path: r.path,
    startedAt: r.started_at,
    stoppedAt: r.stopped_at,
    depthMessages: r.depth_messages,
    tickMessages: r.tick_messages,
    bytes: r.bytes,
    repaired: r.state === 'repaired',
  };
}
