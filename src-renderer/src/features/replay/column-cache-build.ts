/**
 * The heatmap's column cache for an open replay, built off the main thread (heatmap-cache-builder.ts) from
 * `replay:eventColumns`, which only the main thread can call.
 */
import type { ReplayInfo } from '../../../../src-shared/contract/features/replay';
import { api } from '../../lib/api';
import { buildCache } from './heatmap-cache-builder';
import { chunkOfColumns } from './heatmap-chunk';
import type { ColumnCache } from './heatmap-columns';

export function buildColumnCache(info: ReplayInfo, onProgress: (fraction: number) => void): Promise<ColumnCache | null> {
  return buildCache(
    info,
    async (replayId, fromSeq, toSeq) => {
      // Columns: a fraction of the cost of 20,000 objects to check, send and decode on both main threads.
      const r = await api.call('replay:eventColumns', { replayId, fromSeq, toSeq });
      return r.ok ? chunkOfColumns(r.value) : null;
    },
    onProgress,
  );
}
