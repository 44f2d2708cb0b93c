import { describe, expect, it } from 'vitest';
import { SubscriptionRegistry } from '../../../src-main/broker/subscription-registry';

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
