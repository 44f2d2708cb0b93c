import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intensity, palette, percentile, scaleFor } from '../../../../src-renderer/src/features/replay/heat-scale';

describe('percentile cut-offs', () => {
  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 5)).toBe(5);
    expect(percentile(v, 98)).toBe(98);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([], 50)).toBe(0);
  });

  it('keeps one large wall from washing out the rest', () => {
    const sizes = [...Array.from({ length: 99 }, (_, i) => 100 + i), 1_000_000];
    const s = scaleFor(sizes, 5, 98, 1);
    expect(s.hi).toBeLessThan(1000);
    expect(intensity(150, s)).toBeGreaterThan(0.3); // a linear scale to the wall would give ~0
    expect(intensity(1_000_000, s)).toBe(1);
  });

  it('ignores empty levels when choosing cut-offs and paints them at 0', () => {
    const s = scaleFor([0, 0, 0, 0, 10, 20], 0, 100, 1);
    expect(s.lo).toBe(10);
    expect(intensity(0, s)).toBe(0);
  });

  it('is monotone in size and clamps to [0, 1], for any contrast', () => {
    fc.assert(
      fc.property(fc.float({ min: 0, max: 1e6, noNaN: true }), fc.float({ min: 0, max: 1e6, noNaN: true }), fc.float({ min: Math.fround(0.2), max: 3, noNaN: true }), (a, b, g) => {
        const s = { lo: 100, hi: 5000, gamma: g };
        const [x, y] = [intensity(Math.min(a, b), s), intensity(Math.max(a, b), s)];
        return x <= y && x >= 0 && y <= 1;
      }),
    );
  });

  it('raises contrast with gamma: mid sizes get dimmer as gamma grows', () => {
    const flat = intensity(2550, { lo: 100, hi: 5000, gamma: 0.5 });
    const steep = intensity(2550, { lo: 100, hi: 5000, gamma: 2 });
    expect(flat).toBeGreaterThan(steep);
    expect(scaleFor([1, 2], 0, 100, 99).gamma).toBe(3);
  });

  it('has 256 opaque colours getting brighter', () => {
    const p = palette();
    expect(p.length).toBe(1024);
    const lum = (i: number) => p[i * 4] + p[i * 4 + 1] + p[i * 4 + 2];
    expect(lum(255)).toBeGreaterThan(lum(128));
    expect(lum(128)).toBeGreaterThan(lum(0));
    expect(p[3]).toBe(255);
  });
});
