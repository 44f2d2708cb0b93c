/**
 * Historical ticks walked forward 1,000 per request. IB answers `count` ticks from the start and then the rest
 * of the last tick's second, and only has one-second timestamps, so the next request starts at that last
 * second again: its answer repeats the ticks of that second already taken. They are dropped by position
 * (the n-th tick of a second is the same tick in both answers), which also holds when an answer stops inside
 * a second, so neither a lost tick nor a duplicate is possible at a boundary.
 */
import { err, ok, type Result } from '../../src-shared/contract/result';
import type { HistoricalTick } from '../broker/port';

export const TICKS_PER_REQUEST = 1000;

/** The ticks already taken at the last second seen. */
export interface WalkTail {
  second: number;
  count: number;
}

export interface MergeStep {
  added: HistoricalTick[];
  tail: WalkTail;
  /** A tick at or after the window end was seen: nothing later belongs to the window. */
  reachedEnd: boolean;
}

/** Pure: the new ticks of one answer inside [.., end), given the tail taken from the previous answers. */
export function mergeAnswer(tail: WalkTail, answer: readonly HistoricalTick[], end: number): MergeStep {
  const added: HistoricalTick[] = [];
  let seenAtTail = 0;
  let next: WalkTail = { ...tail };
  let reachedEnd = false;
  for (const t of answer) {
    if (t.time >= end) {
      reachedEnd = true;
      break;
    }
    if (t.time < tail.second) continue;
    if (t.time === tail.second && seenAtTail++ < tail.count) continue;
    added.push(t);
    next = t.time === next.second ? { second: t.time, count: next.count + 1 } : { second: t.time, count: 1 };
  }
  return { added, tail: next, reachedEnd };
}

export interface WalkOptions {
  start: number;
  end: number;
  perRequest?: number;
  /** A guard against a gateway that never advances. */
  maxRequests?: number;
  /** Awaited before each request; false stops the walk (paused then cancelled). */
  beforeRequest?: () => Promise<boolean>;
}

export interface WalkResult {
  ticks: HistoricalTick[];
  requests: number;
  /** False when `beforeRequest` stopped the walk. */
  complete: boolean;
}

export type FetchTicks = (start: number, count: number) => Promise<Result<HistoricalTick[]>>;

export async function walkTicks(fetch: FetchTicks, o: WalkOptions): Promise<Result<WalkResult>> {
  const perRequest = o.perRequest ?? TICKS_PER_REQUEST;
  const maxRequests = o.maxRequests ?? 20_000;
  const ticks: HistoricalTick[] = [];
  let tail: WalkTail = { second: -Infinity, count: 0 };
  let cursor = o.start;
  let requests = 0;
  while (cursor < o.end) {
    if (requests >= maxRequests) return err('INTERNAL', `Gave up after ${requests} tick requests without reaching ${new Date(o.end).toISOString()}.`);
    if (o.beforeRequest && !(await o.beforeRequest())) return ok({ ticks, requests, complete: false });
    const answer = await fetch(cursor, perRequest);
    requests++;
    if (!answer.ok) return answer;
    const step = mergeAnswer(tail, answer.value, o.end);
    ticks.push(...step.added);
    tail = step.tail;
    // A short answer means IB has nothing more after it; past the end nothing more is wanted.
    if (step.reachedEnd || answer.value.length < perRequest) break;
    // Nothing new: the whole answer was one second already taken, so the next second is the place to go on.
    cursor = step.added.length === 0 ? Math.max(cursor, tail.second) + 1000 : tail.second;
  }
  return ok({ ticks, requests, complete: true });
}
