import { describe, expect, it } from 'vitest';
import { SlicedWarmUp } from '../../../src-main/sim/market/warm-up';

describe('sliced warm-up', () => {
  it('runs every step once, in slices bounded by the clock, at least one step per slice', () => {
    let now = 0;
    const ran: number[] = [];
    // Each step takes 3 ms of the fake clock; a slice of 8 ms fits three of them.
    const steps = Array.from({ length: 7 }, (_, i) => () => (ran.push(i), (now += 3)));
    const w = new SlicedWarmUp(steps, 8, () => now);
    expect(w.runSlice()).toBe(true);
    expect(ran).toEqual([0, 1, 2]);
    expect(w.runSlice()).toBe(true);
    expect(w.runSlice()).toBe(false);
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(w.done).toBe(true);
    expect(w.runSlice()).toBe(false);

    const slow = new SlicedWarmUp([() => (now += 100), () => (now += 100)], 8, () => now);
    expect(slow.runSlice()).toBe(true);
    expect(slow.runSlice()).toBe(false);
  });

  it('finishes in the background when started, and stop() halts it', async () => {
    const ran: number[] = [];
    const w = new SlicedWarmUp(Array.from({ length: 50 }, (_, i) => () => void ran.push(i)), 0);
    w.start();
    expect(ran).toEqual([]); // nothing runs synchronously
    const { waitFor } = await import('../../support/wait');
    await waitFor(() => w.done, { message: 'warm-up finished' });
    expect(ran).toEqual([...Array(50).keys()]);

    const halted: number[] = [];
    const h = new SlicedWarmUp(Array.from({ length: 50 }, (_, i) => () => void halted.push(i)), 0);
    h.start();
    h.stop();
    await new Promise<void>((r) => setImmediate(r));
    expect(halted).toEqual([]);
  });
});
