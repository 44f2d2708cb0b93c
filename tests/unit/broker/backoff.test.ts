import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src-main/broker/backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at the 4 s cap (back within 5 s of a gateway\'s return)', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, DEFAULT_BACKOFF, mid))).toEqual([
      1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000,
    ]);
  });

  it('jitters within ±20 % and never above the cap', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(1600);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.999999)).toBe(2400);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0.999999)).toBe(4000);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(3200);
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.5)).toBe(1000);
  });
});
