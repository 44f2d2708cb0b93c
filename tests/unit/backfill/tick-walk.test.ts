/**
 * The forward walk over historical ticks: answers that complete the last second (IB's behaviour) and answers
 * that stop inside a second both give every tick exactly once; a second with more ticks than one request
 * holds is walked through; short answers, the window end and `beforeRequest` stop the walk. The tick files
 * round-trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTicks, encodeTicks, tickFilePath } from '../../../src-main/backfill/tick-files';
import { mergeAnswer, walkTicks, type FetchTicks } from '../../../src-main/backfill/tick-walk';
import type { HistoricalTick } from '../../../src-main/broker/port';
import { err, ok } from '../../../src-shared/contract/result';

const T0 = Date.UTC(2025, 2, 3, 14, 30);
const trade = (sec: number, seq: number): HistoricalTick => ({ kind: 'trade', time: T0 + sec * 1000, price: 100 + seq / 100, size: seq + 1, exchange: 'ARCA', conditions: '' });

/** A tape of ticks at the given seconds, each tick unique by its size (= its position + 1). */
const tape = (seconds: number[]): HistoricalTick[] => seconds.sort((a, b) => a - b).map((s, i) => trade(s, i));

/** A fake gateway: `count` ticks from start, then (complete = IB) the rest of the last second. */
function gateway(all: HistoricalTick[], complete: boolean): { fetch: FetchTicks; calls: number[] } {
  const calls: number[] = [];
  const fetch: FetchTicks = async (start, count) => {
    calls.push(start);
    const from = all.filter((t) => t.time >= start);
    let out = from.slice(0, count);
    if (complete && out.length === count) out = from.filter((t) => t.time <= out[out.length - 1].time);
    return ok(out);
  };
  return { fetch, calls };
}

const sizes = (ticks: HistoricalTick[]) => ticks.map((t) => (t.kind === 'trade' ? t.size : -1));

describe('mergeAnswer', () => {
  it('drops the ticks of the tail second already taken, by position, and keeps the rest', () => {
    const answer = [trade(5, 0), trade(5, 1), trade(5, 2), trade(6, 3)];
    const step = mergeAnswer({ second: T0 + 5000, count: 2 }, answer, T0 + 60_000);
    expect(sizes(step.added)).toEqual([3, 4]);
    expect(step.tail).toEqual({ second: T0 + 6000, count: 1 });
    expect(step.reachedEnd).toBe(false);
  });

  it('stops at the window end and says so', () => {
    const step = mergeAnswer({ second: -Infinity, count: 0 }, [trade(1, 0), trade(2, 1), trade(3, 2)], T0 + 2000);
    expect(sizes(step.added)).toEqual([1]);
    expect(step.reachedEnd).toBe(true);
  });

  it('counts a tail that carries on in the same second', () => {
    const step = mergeAnswer({ second: T0 + 5000, count: 1 }, [trade(5, 0), trade(5, 1), trade(5, 2)], T0 + 60_000);
    expect(step.tail).toEqual({ second: T0 + 5000, count: 3 });
  });
});

describe('walkTicks', () => {
  // A gateway that stops inside a second can only be walked when no second holds more than one request:
  // with one-second timestamps there is no way to ask for the rest of it. IB completes the second.
  it('takes every tick of a window exactly once whether the gateway completes seconds or not', async () => {
    const busiest = (secs: number[]) => Math.max(0, ...secs.map((s) => secs.filter((x) => x === s).length));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), fc.integer({ min: 1, max: 25 }), fc.boolean(), async (secs, per, complete) => {
        fc.pre(complete || busiest(secs) <= per);
        const all = tape(secs);
        const { fetch } = gateway(all, complete);
        const r = await walkTicks(fetch, { start: T0, end: T0 + 30_000, perRequest: per });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(sizes(r.value.ticks)).toEqual(sizes(all.filter((t) => t.time < T0 + 30_000)));
        expect(r.value.complete).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('walks past a second holding more ticks than one request and restarts each request at the last second', async () => {
    const all = tape([...Array(25).fill(3), 4, 4, 9]);
    const { fetch, calls } = gateway(all, true);
    const r = await walkTicks(fetch, { start: T0, end: T0 + 60_000, perRequest: 10 });
    expect(r.ok && sizes(r.value.ticks)).toEqual(sizes(all));
    // 25 ticks of second 3 at once, then second 3 again (nothing new), then second 4 on (short: the end).
    expect(calls.map((c) => (c - T0) / 1000)).toEqual([0, 3, 4]);
  });

  it('stops on a short answer, on an error and when beforeRequest says no', async () => {
    const { fetch, calls } = gateway(tape([1, 2, 3]), true);
    const r = await walkTicks(fetch, { start: T0, end: T0 + 60_000, perRequest: 5 });
    expect(calls).toHaveLength(1);
    expect(r.ok && r.value.ticks).toHaveLength(3);
    const failing: FetchTicks = async () => err('INTERNAL', 'boom');
    expect(await walkTicks(failing, { start: T0, end: T0 + 1000 })).toMatchObject({ ok: false });
    const stopped = await walkTicks(fetch, { start: T0, end: T0 + 60_000, beforeRequest: async () => false });
    expect(stopped).toEqual(ok({ ticks: [], requests: 0, complete: false }));
  });

  it('gives up after maxRequests against a gateway that never advances', async () => {
    const stuck: FetchTicks = async (_s, count) => ok(Array.from({ length: count }, (_, i) => trade(i, i)));
    const r = await walkTicks(stuck, { start: T0 + 100_000, end: T0 + 200_000, perRequest: 3, maxRequests: 5 });
    expect(r.ok).toBe(false);
  });
});

describe('tick files', () => {
  it('round-trip trades and quotes under ticks/symbol=/what=/date=', () => {
    const trades = tape([1, 1, 2]);
    expect(decodeTicks(encodeTicks('TRADES', trades))).toEqual(trades);
    const quotes: HistoricalTick[] = [{ kind: 'quote', time: T0, bid: 9.99, ask: 10.01, bidSize: 300, askSize: 200 }];
    expect(decodeTicks(encodeTicks('BID_ASK', quotes))).toEqual(quotes);
    expect(tickFilePath('/d', 'AAPL', 'TRADES', false, '2025-03-03')).toBe('/d/ticks/symbol=AAPL/what=TRADES/date=2025-03-03.arrow');
    expect(tickFilePath('/d', 'AAPL', 'BID_ASK', true, '2025-03-03')).toBe('/d/ticks/symbol=AAPL/what=BID_ASK_rth/date=2025-03-03.arrow');
  });
});
