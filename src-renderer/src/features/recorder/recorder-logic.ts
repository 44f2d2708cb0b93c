import type { StreamInfo } from '../../../../src-shared/contract/features/recorder';

/** The queue with `symbol` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moveInQueue(queue: readonly string[], symbol: string, dir: -1 | 1): string[] {
  const out = [...queue];
  const i = out.indexOf(symbol);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

const ORDER: Record<StreamInfo['state'], number> = {
  recording: 0, starting: 1, 'tape-only': 2, paused: 3, queued: 4, stopping: 5, error: 6, stopped: 7,
};

/** Active streams first, then the queue in its order, then finished ones. */
export function sortStreams(streams: readonly StreamInfo[]): StreamInfo[] {
  return [...streams].sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || (a.queuePosition ?? 0) - (b.queuePosition ?? 0) || a.symbol.localeCompare(b.symbol),
  );
}

/** Streams holding a depth slot. */
export const depthSlotsUsed = (streams: readonly StreamInfo[]): number =>
  streams.filter((s) => s.state === 'recording' || s.state === 'starting').length;

/** The quality cell: colour band and the tooltip that says what was counted and why points were taken. */
export function qualityCell(q: StreamInfo['quality']): { text: string; tone: 'good' | 'fair' | 'poor' | 'none'; title: string } {
  if (!q) return { text: '—', tone: 'none', title: 'No session yet: the score starts with the recording.' };
  const tone = q.score >= 90 ? 'good' : q.score >= 70 ? 'fair' : 'poor';
  const counts = `${q.stalePeriods} stale period(s) > 10 s, ${q.gaps} gap(s), ${q.resubscribes1101} 1101 resubscribe(s), ${q.resets} book reset(s)`;
  const why = q.reasons.length ? q.reasons.join('\n') : 'No penalty so far.';
  return { text: String(Math.round(q.score)), tone, title: `Depth data quality ${q.score}/100 (docs/analysis.md)\n${why}\n${counts}` };
}
