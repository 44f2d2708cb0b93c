import type { RecordingSummary } from '../../src-shared/contract/features/recorder';
import type { SessionMeta } from '../recording-format/session-meta';

/** The catalog's view of a session. */
export function summaryOf(dir: string, meta: SessionMeta): RecordingSummary {
  return {
    sessionId: meta.sessionId,
    symbol: meta.symbol,
    date: meta.date,
    path: dir,
    startedAt: meta.startedAt,
    stoppedAt: meta.stoppedAt,
    depthMessages: meta.counts.depthMessages,
    tickMessages: meta.counts.tickMessages,
    bytes: meta.counts.bytes,
    repaired: meta.repaired !== null,
  };
}
