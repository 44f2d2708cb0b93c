/** The pacing gate's priorities, headroom and reactions to IB's codes, on a manual clock. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { HistoricalQueue, type PacedPriority, type PacedTask } from '../../../src-main/broker/historical-queue';
import { IB_PACING } from '../../../src-main/broker/pacing-rules';
import { ManualScheduler } from './manual-scheduler';

function rig() {
  const clock = new ManualClock(0);
  const sched = new ManualScheduler(clock);
  const q = new HistoricalQueue(clock, sched, IB_PACING);
  q.resume();
  const sent: Array<{ id: string; at: number }> = [];
  let n = 0;
  const task = (priority: PacedPriority, weight = 1, answerMs = 100): PacedTask => {
    const id = `${priority}-${n++}`;
    const t: PacedTask = {
      identity: id, group: `g${n % 13}`, weight, priority,
      run: () => {
        sent.push({ id, at: clock.now() });
        sched.setTimeout(() => q.complete(t), answerMs);
      },
    };
    return t;
  };
  return { clock, sched, q, sent, task };
}

/** Units sent in any 10-minute window, at most. */
function peakUnits(sent: Array<{ at: number }>, weight = 1): number {
  return Math.max(...sent.map((s) => sent.filter((o) => o.at > s.at - 600_000 && o.at <= s.at).length * weight));
}

describe('HistoricalQueue as the one pacing gate', () => {
  it('an interactive request submitted behind a backlog of background ones goes next', () => {
    const { sched, q, sent, task } = rig();
    for (let i = 0; i < 120; i++) q.submit(task('background'));
    sched.advance(60_000);
    expect(sent.length).toBeLessThanOrEqual(60);
    const before = sent.length;
    q.submit(task('interactive'));
    sched.advance(700_000);
    // The first send after the chart asked is the chart's, whatever the backlog.
    expect(sent[before].id).toMatch(/^interactive/);
  });

  it('while charts are in use, background leaves headroom so a chart never waits for the 10-minute window', () => {
    const { clock, sched, q, sent, task } = rig();
    q.submit(task('interactive'));
    sched.advance(1000);
    for (let i = 0; i < 200; i++) q.submit(task('background'));
    sched.advance(120_000);
    const background = sent.filter((s) => s.id.startsWith('background'));
    expect(background.length).toBe(60 - 1 - 4);
    const t0 = clock.now();
    q.submit(task('interactive'));
    sched.advance(0);
    expect(sent[sent.length - 1]).toEqual({ id: expect.stringMatching(/^interactive/), at: t0 });
  });

  it('without interactive traffic background uses the whole ceiling and never exceeds it', () => {
    const { sched, q, sent, task } = rig();
    for (let i = 0; i < 240; i++) q.submit(task('background'));
    sched.advance(40 * 60_000);
    expect(sent).toHaveLength(240);
    expect(peakUnits(sent)).toBe(60);
  });

  it('BID_ASK counts twice against the 10-minute ceiling', () => {
    const { sched, q, sent, task } = rig();
    for (let i = 0; i < 40; i++) q.submit(task('background', 2));
    sched.advance(300_000);
    expect(sent).toHaveLength(30);
  });

  it('a pacing 162 holds every request for the penalty and shrinks the cap until a clean window', () => {
    const { clock, sched, q, sent, task } = rig();
    const first = task('background', 1, 1e9);
    q.submit(first);
    expect(sent).toHaveLength(1);
    const t0 = clock.now();
    q.penalize(first);
    q.submit(task('background'));
    sched.advance(15_000);
    expect(sent).toHaveLength(1);
    sched.advance(1_500);
    expect(sent.length).toBe(3);
    expect(q.longCap).toBe(48);
    expect(q.penalties).toBe(1);
    for (let i = 0; i < 100; i++) q.submit(task('background'));
    sched.advance(500_000);
    expect(sent.filter((s) => s.at > t0 && s.at < t0 + 600_000).length + 1).toBeLessThanOrEqual(48);
    sched.advance(1_200_000);
    expect(q.longCap).toBe(60);
  });

  it('2105 holds new requests until 2106; a reconnect clears a stale 2105', () => {
    const { sched, q, sent, task } = rig();
    q.setFarmDown(true);
    q.submit(task('interactive'));
    sched.advance(60_000);
    expect(sent).toHaveLength(0);
    q.setFarmDown(false);
    expect(sent).toHaveLength(1);
    q.setFarmDown(true);
    q.pause();
    q.submit(task('interactive'));
    q.resume();
    expect(sent).toHaveLength(2);
  });

  it('a retried interactive task returns to the front of its class', () => {
    const { sched, q, sent, task } = rig();
    const chart = task('interactive', 1, 1e9);
    q.submit(chart);
    q.retryLater(chart, 20_000);
    for (let i = 0; i < 3; i++) q.submit(task('background'));
    q.submit(task('interactive'));
    sched.advance(30_000);
    expect(sent.map((s) => s.id)).toEqual(['interactive-0', 'background-1', 'background-2', 'background-3', 'interactive-4', 'interactive-0']);
  });
});
