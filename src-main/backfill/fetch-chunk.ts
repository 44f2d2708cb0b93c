/**
 * One chunk of bars from IB through the pacing gate: 162 "no data" is an empty chunk; a timeout splits the
 * window in two and asks again (a huge answer is what usually times out); other errors fail the chunk.
 */
import { isHistoricalTimeout, type HistoricalPort } from '../broker/port';
import type { Result } from '../../src-shared/contract/result';
import { err, ok } from '../../src-shared/contract/result';
import type { Bar } from '../../src-shared/domain/bar';
import type { Instrument } from '../../src-shared/domain/instrument';
import { BAR_SIZES, type BarSizeKey } from './plan/bar-sizes';
import type { BarWhat, PlannedChunk } from './plan/plan';

export interface ChunkRequest {
  instrument: Instrument;
  bar: BarSizeKey;
  what: BarWhat;
  rth: boolean;
  chunk: Pick<PlannedChunk, 'start' | 'end' | 'duration'>;
  timeoutMs: number;
  /** How many times a timed-out window may still be halved. */
  splits: number;
}

export interface ChunkBars {
  bars: Bar[];
  requests: number;
}

/** Bars inside [start, end), by time, one per open time. */
export function trimBars(bars: readonly Bar[], start: number, end: number): Bar[] {
  const byTime = new Map<number, Bar>();
  for (const b of bars) if (b.tsOpen >= start && b.tsOpen < end) byTime.set(b.tsOpen, b);
  return [...byTime.values()].sort((a, b) => a.tsOpen - b.tsOpen);
}

/** Halves of a window as IB durations in seconds (the smallest unit every bar size accepts). */
function halves(start: number, end: number, barMs: number): Array<Pick<PlannedChunk, 'start' | 'end' | 'duration'>> {
  const mid = start + Math.max(barMs, Math.round((end - start) / 2 / barMs) * barMs);
  return [
    { start, end: mid, duration: `${Math.ceil((mid - start) / 1000)} S` },
    { start: mid, end, duration: `${Math.ceil((end - mid) / 1000)} S` },
  ];
}

export async function fetchChunk(port: HistoricalPort, r: ChunkRequest): Promise<Result<ChunkBars>> {
  const res = await port.historicalBars({
    instrument: r.instrument, end: r.chunk.end, duration: r.chunk.duration ?? '1 D', barSize: BAR_SIZES[r.bar].ib,
    whatToShow: r.what, useRTH: r.rth, priority: 'background', timeoutMs: r.timeoutMs,
  });
  if (res.ok) return ok({ bars: trimBars(res.value, r.chunk.start, r.chunk.end), requests: 1 });
  const barMs = BAR_SIZES[r.bar].ms;
  const splittable = r.splits > 0 && r.chunk.end - r.chunk.start >= 2 * barMs && r.bar !== '1day';
  if (!isHistoricalTimeout(res.error.message) || !splittable) return res;
  const out: Bar[] = [];
  let requests = 1;
  for (const half of halves(r.chunk.start, r.chunk.end, barMs)) {
    const part = await fetchChunk(port, { ...r, chunk: half, splits: r.splits - 1 });
    if (!part.ok) return err(part.error.code, `${part.error.message} (after splitting a timed-out window)`, part.error.ibCode);
    out.push(...part.value.bars);
    requests += part.value.requests;
  }
  return ok({ bars: trimBars(out, r.chunk.start, r.chunk.end), requests });
}
