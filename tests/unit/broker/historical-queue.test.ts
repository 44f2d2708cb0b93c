import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { HistoricalQueue, type PacedTask } from '../../../src-main/broker/historical-queue';
import { IB_PACING } from '../../../src-main/broker/pacing-rules';
import { ManualScheduler } from './manual-scheduler';

interface Sent { at: number; identity: string; group: string; weight: number }

/** An independent reading of IB's rules over what was actually sent: any breach would be an error 162. */
function violations(sent: Sent[]): string[] {
  const out: string[] = [];
  sent.forEach((s, i) => {
    const before = sent.slice(0, i);
    if (before.some((b) => b.identity === s.identity && s.at - b.at < 15_000)) out.push(`identical ${s.identity} at ${s.at}`);
    const burst = before.filter((b) => b.group === s.group && s.at - b.at < 2_000).reduce((n, b) => n + b.weight, 0) + s.weight;
    if (burst >= 6) out.push(`burst ${s.group} at ${s.at}`);
    const long = before.filter((b) => s.at - b.at < 600_000).reduce((n, b) => n + b.weight, 0) + s.weight;
    if (long > 60) out.push(`10-minute ${long} at ${s.at}`);
  });
  return out;
}

describe('HistoricalQueue', () => {
  it('sends 200 requests (some identical, some BID_ASK) without breaking a rule, and all complete', () => {
    const clock = new ManualClock(0);
    const sched = new ManualScheduler(clock);
    const q = new HistoricalQueue(clock, sched, IB_PACING);
    q.resume();
    const sent: Sent[] = [];
    let open = 0;
    let maxOpen = 0;
    for (let i = 0; i < 200; i++) {
      const bidAsk = i % 10 === 0;
      const task: PacedTask = {
        identity: `c${i % 7}|${i % 25}|${bidAsk ? 'BID_ASK' : 'TRADES'}`, // repeats on purpose
        group: `c${i % 7}|SMART|${bidAsk ? 'BID_ASK' : 'TRADES'}`,
        weight: bidAsk ? 2 : 1,
        run: () => {
          sent.push({ at: clock.now(), identity: task.identity, group: task.group, weight: task.weight });
          maxOpen = Math.max(maxOpen, ++open);
          // Answers come back 300 ms later.
          sched.setTimeout(() => (open--, q.complete(task)), 300);
        },
      };
      q.submit(task);
    }
    sched.advance(3 * 3600_000);
    expect(sent).toHaveLength(200);
    expect(violations(sent)).toEqual([]);
    expect(maxOpen).toBeLessThanOrEqual(50);
    expect(q.pending).toBe(0);
    expect(sched.pending()).toBe(0);
  });

  it('never has more than 50 open; a completion frees a slot', () => {
    const clock = new ManualClock(0);
    const sched = new ManualScheduler(clock);
    const q = new HistoricalQueue(clock, sched, { ...IB_PACING, longMax: 1000, burstMax: 1000 });
    q.resume();
    const tasks: PacedTask[] = [];
    let ran = 0;
    for (let i = 0; i < 60; i++) {
      const t: PacedTask = { identity: `i${i}`, group: `g${i}`, weight: 1, run: () => ran++ };
      tasks.push(t);
      q.submit(t);
    }
    sched.advance(60_000);
    expect(ran).toBe(50);
    q.complete(tasks[0]);
    expect(ran).toBe(51);
  });

  it('pauses while disconnected and re-sends in-flight tasks on resume; retryLater waits', () => {
    const clock = new ManualClock(0);
    const sched = new ManualScheduler(clock);
    const q = new HistoricalQueue(clock, sched, IB_PACING);
    const runs: number[] = [];
    const t: PacedTask = { identity: 'a', group: 'g', weight: 1, run: () => runs.push(clock.now()) };
    q.submit(t);
    sched.advance(1000);
    expect(runs).toEqual([]); // starts paused until connected
    q.resume();
    expect(runs).toEqual([1000]);
    q.pause();
    q.resume();
    // Identical-request rule still applies to the re-send.
    expect(runs).toEqual([1000]);
    sched.advance(20_000);
    expect(runs).toEqual([1000, 16_250]);
    q.retryLater(t, 30_000);
    sched.advance(29_000);
    expect(runs).toHaveLength(2);
    sched.advance(2_000);
    expect(runs).toEqual([1000, 16_250, 51_000]);
  });
});
