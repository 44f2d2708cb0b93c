import { describe, expect, it } from 'vitest';
import { volumeProfile } from '../../../src-shared/domain/metrics/volume-profile';

describe('volume profile', () => {
  it('POC and a 70 % value area grown two bins at a time', () => {
    // bins 10.00 .. 10.08: volumes 5, 10, 20, 30, 100, 40, 10, 5, 30 (total 250, 70 % = 175)
    const vols = [5, 10, 20, 30, 100, 40, 10, 5, 30];
    const prices = vols.map((_, i) => 10 + i * 0.01);
    const p = volumeProfile(prices, vols, 0.01);
    expect(p.poc).toBeCloseTo(10.04, 9);
    // step 1: above 40+10=50 vs below 30+20=50 → tie goes up: 150; step 2: above 5+30=35 vs below 20? no:
    // below pair is bins 10.03,10.02 = 50 → 200 ≥ 175 done. VA = 10.02 .. 10.06
    expect(p.vah).toBeCloseTo(10.06, 9);
    expect(p.val).toBeCloseTo(10.02, 9);
    expect(p.valueAreaShare).toBeCloseTo(200 / 250, 12);
    expect(p.total).toBe(250);
  });

  it('bins by rounding to the bin size, counts empty bins inside the range, ignores non-positive sizes', () => {
    const p = volumeProfile([10.001, 10.004, 10.03, 10.02], [5, 5, 1, 0], 0.01);
    expect(p.prices.map((x) => Number(x.toFixed(2)))).toEqual([10, 10.01, 10.02, 10.03]);
    expect(p.volumes).toEqual([10, 0, 0, 1]);
    expect(p.poc).toBeCloseTo(10, 9);
  });

  it('empty input gives NaN levels', () => {
    expect(volumeProfile([], [], 0.01).poc).toBeNaN();
  });
});
