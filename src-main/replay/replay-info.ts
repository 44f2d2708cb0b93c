import type { ReplayFrame, ReplayInfo } from '../../src-shared/contract/features/replay';
import type { ReplaySession } from './replay-session';

/** What replay:open answers: the sessions, range, markers, gaps and data quality, and the first frame. */
export function replayInfo(s: ReplaySession, frame: ReplayFrame): ReplayInfo {
  const tl = s.timeline;
  const first = tl.segments[0].reader.meta;
  const reports = tl.segments.map((g) => g.report);
  const built = tl.segments.filter((g) => g.report.source === 'built' || g.reader.indexBuilt).length;
  return {
    replayId: s.id,
    symbol: first.symbol,
    date: first.date,
    minTick: first.contract?.minTick ?? 0.01,
    sessions: tl.segments.map((g) => ({
      sessionId: g.reader.meta.sessionId,
      path: g.reader.dir,
      startedAt: g.reader.meta.startedAt,
      stoppedAt: g.reader.meta.stoppedAt,
      firstSeq: g.offset + 1,
      lastSeq: g.offset + g.reader.lastSeq,
    })),
    start: Math.round(tl.start),
    end: Math.round(tl.end),
    events: tl.events,
    trades: tl.trades.tsRecv.length,
    markers: tl.markers.map((m) => ({ ...m, ts: Math.round(m.ts) })),
    gaps: tl.gaps.map((g) => ({ start: Math.round(g.start), end: g.end === null ? null : Math.round(g.end), reason: g.reason })),
    quality: {
      keyframes: reports.reduce((n, r) => n + r.keyframes.length, 0),
      checked: reports.reduce((n, r) => n + r.checked, 0),
      mismatches: reports.reduce((n, r) => n + r.mismatches.length, 0),
      built,
      warnings: reports.flatMap((r) => r.warnings),
    },
    frame,
  };
}
