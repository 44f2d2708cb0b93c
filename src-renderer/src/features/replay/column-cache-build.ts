/**
 * Builds the heatmap's column cache for an open replay: depth events fetched in 50,000-event chunks and folded
 * in pieces, yielding to the event loop between them, so drawing and input never wait on it.
 */
import type { ReplayInfo } from '../../../../src-shared/contract/features/replay';
import { api } from '../../lib/api';
import { ColumnBuilder, sliceMsFor, type ColumnCache } from './heatmap-columns';

const FETCH = 50_000;
const FOLD = 5_000;

const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));

export async function buildColumnCache(info: ReplayInfo, onProgress: (fraction: number) => void): Promise<ColumnCache | null> {
  const builder = new ColumnBuilder(
    info.start,
    sliceMsFor(info.start, info.end),
    info.minTick,
    info.markers,
    info.gaps,
    info.sessions.slice(1).map((s) => s.firstSeq),
  );
  for (let from = 1; from <= info.events; from += FETCH) {
    const to = Math.min(info.events, from + FETCH - 1);
    const r = await api.call('replay:events', { replayId: info.replayId, fromSeq: from, toSeq: to });
    if (!r.ok) return null;
    for (let i = 0; i < r.value.events.length; i += FOLD) {
      builder.add(r.value.events.slice(i, i + FOLD));
      onProgress(Math.min(1, (from + i) / Math.max(1, info.events)));
      await yieldNow();
    }
  }
  return builder.finish(info.end);
}
