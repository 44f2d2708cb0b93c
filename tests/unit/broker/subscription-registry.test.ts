import { describe, expect, it } from 'vitest';
import { SubscriptionRegistry } from '../../../src-main/broker/subscription-registry';
import { ManualClock } from '../../../src-main/platform/clock';
import { ManualScheduler } from './manual-scheduler';

describe('SubscriptionRegistry', () => {
  it('gives every (re)activation a fresh reqId and retires the old one', () => {
    let id = 100;
    const reg = new SubscriptionRegistry(() => ++id);
    const starts: number[] = [];
    const stops: number[] = [];
    const e = reg.add({ kind: 'depth', label: 'AAPL', owner: {}, start: (r) => starts.push(r), stop: (r) => stops.push(r) });
    expect(e.reqId).toBeUndefined();
    reg.activate(e);
    reg.activate(e);
    expect(starts).toEqual([101, 102]);
    expect(reg.live(101)).toBeUndefined();
    expect(reg.isRetired(101)).toBe(true);
    expect(reg.live(102)).toBe(e);
    expect(reg.liveReqIds()).toEqual([102]);
    reg.remove(e, true);
    expect(stops).toEqual([102]);
    expect(reg.size).toBe(0);
    expect(reg.live(102)).toBeUndefined();
  });

  it('retire() detaches without forgetting the stream', () => {
    const reg = new SubscriptionRegistry(() => 1);
    const e = reg.add({ kind: 'quotes', label: 'X', owner: {}, start: () => undefined, stop: () => undefined });
    reg.activate(e);
    reg.retire(e);
    expect(reg.all()).toEqual([e]);
    expect(reg.live(1)).toBeUndefined();
  });
});

describe('SubscriptionRegistry with a delay rule', () => {
  const setup = () => {
    const clock = new ManualClock(0);
    const scheduler = new ManualScheduler(clock);
    let id = 0;
    const reg = new SubscriptionRegistry(() => ++id, scheduler);
    const starts: number[] = [];
    const stops: number[] = [];
    let wait = 0;
    const e = reg.add({ kind: 'tape', label: 'AAPL', owner: {}, start: (r) => starts.push(r), stop: (r) => stops.push(r), delay: () => wait });
    return { clock, scheduler, reg, e, starts, stops, setWait: (ms: number) => (wait = ms) };
  };

  it('reserves the reqId at once and sends when the delay has passed', () => {
    const { scheduler, reg, e, starts, setWait } = setup();
    setWait(15_000);
    expect(reg.activate(e)).toBe(1);
    expect(reg.isWaiting(e)).toBe(true);
    scheduler.advance(14_999);
    expect(starts).toEqual([]);
    scheduler.advance(1);
    expect(starts).toEqual([1]);
    expect(reg.isWaiting(e)).toBe(false);
  });

  it('a stream removed or re-activated while waiting never sends its old request and cancels nothing unsent', () => {
    const { scheduler, reg, e, starts, stops, setWait } = setup();
    setWait(5_000);
    reg.activate(e);
    setWait(0);
    reg.activate(e); // e.g. a reconnect after the rule lapsed
    expect(starts).toEqual([2]);
    scheduler.advance(10_000);
    expect(starts).toEqual([2]);
    setWait(5_000);
    reg.activate(e);
    reg.remove(e, true);
    expect(stops).toEqual([]);
    scheduler.advance(10_000);
    expect(starts).toEqual([2]);
    expect(scheduler.pending()).toBe(0);
  });
});
