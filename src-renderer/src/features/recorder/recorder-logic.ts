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
