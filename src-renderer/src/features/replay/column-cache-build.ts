/**
 * The heatmap's column cache for an open replay, built off the main thread (heatmap-cache-builder.ts) from
 * `replay:events`, which only the main thread can call.
 */
import type { ReplayInfo } from '../../../../src-shared/contract/features/replay';
import { api } from '../../lib/api';
import { buildCache } from './heatmap-cache-builder';
import type { ColumnCache } from './heatmap-columns';

export function buildColumnCache(info: ReplayInfo, onProgress: (fraction: number) => void): Promise<ColumnCache | null> {
  return buildCache(
    info,
    async (replayId, fromSeq, toSeq) => {
      const r = await api.call('replay:events', { replayId, fromSeq, toSeq });
      return r.ok ? r.value.events : null;
    },
    onProgress,
  );
}
