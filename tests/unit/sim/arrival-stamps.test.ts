import { describe, expect, it } from 'vitest';
import { arrivalStamps } from '../../../src-main/sim/protocol/connection';

describe('arrival stamps for the simulator message rate', () => {
  it('stamps a chunk read on time all at once: a real burst is still one', () => {
    expect(arrivalStamps(3, 10_000, 9_995, 0)).toEqual([10_000, 10_000, 10_000]);
  });

  it('spreads a chunk read after the thread stalled across the stall, ending now', () => {
    const s = arrivalStamps(4, 10_000, 9_600, 0);
    expect(s).toEqual([9_700, 9_800, 9_900, 10_000]);
  });

  it('never stamps before the last message of the connection', () => {
    const s = arrivalStamps(2, 10_000, 9_000, 9_800);
    expect(s).toEqual([9_900, 10_000]);
  });

  it('45 messages paced over a 1.2 s stall never fill a one-second window of 50', () => {
    const s = arrivalStamps(54, 11_200, 10_000, 0);
    const inLastSecond = s.filter((t) => t > 11_200 - 1_000).length;
    expect(inLastSecond).toBeLessThanOrEqual(50);
    expect(inLastSecond).toBeGreaterThan(40);
  });
});
