import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { sendDelay, SendQueue } from '../../../src-main/broker/send-gate';
import { ManualScheduler } from './manual-scheduler';

const maxInAnyWindow = (times: number[], windowMs: number) =>
  Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

describe('sendDelay', () => {
  it('is zero under the limit and waits for the oldest message in the window to age out', () => {
    const rate = { limit: 3, windowMs: 1000 };
    expect(sendDelay([100, 200], 300, rate)).toBe(0);
    expect(sendDelay([100, 200, 300], 300, rate)).toBe(800);
    expect(sendDelay([100, 200, 300], 1099, rate)).toBe(1);
    expect(sendDelay([100, 200, 300], 1100, rate)).toBe(0);
  });
});

describe('SendQueue', () => {
  it('sends 500 messages at no more than the limit in any 1 s window, and keeps FIFO order', () => {
    const clock = new ManualClock(0);
    const sched = new ManualScheduler(clock);
    const q = new SendQueue(clock, sched, { limit: 45, windowMs: 1000 });
    const sent: Array<[number, number]> = [];
    for (let i = 0; i < 500; i++) q.push(() => sent.push([i, clock.now()]));
    expect(sent).toHaveLength(45);
    sched.advance(20_000);
    expect(sent.map(([i]) => i)).toEqual([...Array(500).keys()]);
    expect(maxInAnyWindow(sent.map(([, t]) => t), 1000)).toBe(45);
    expect(sent.at(-1)![1]).toBeGreaterThanOrEqual(11_000); // 500/45 windows
    expect(sched.pending()).toBe(0);
  });

  it('clear() drops unsent messages and cancels its timer; slowDown() lowers the rate', () => {
    const clock = new ManualClock(0);
    const sched = new ManualScheduler(clock);
    const q = new SendQueue(clock, sched, { limit: 10, windowMs: 1000 });
    let n = 0;
    for (let i = 0; i < 30; i++) q.push(() => n++);
    q.clear();
    expect(sched.pending()).toBe(0);
    sched.advance(5000);
    expect(n).toBe(10);
    q.slowDown();
    expect(q.limit.limit).toBe(10); // floor of 10
  });
});
