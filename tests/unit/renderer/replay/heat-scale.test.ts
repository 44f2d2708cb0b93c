import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intensity, palette, parseCutoffs, parseSize, percentile, roundCutoff, scaleFor, sizeScale } from '../../../../src-renderer/src/features/replay/heat-scale';
import { DEFAULT_HEAT, visibleScale } from '../../../../src-renderer/src/features/replay/heatmap-raster';
import { viewportFor } from '../../../../src-renderer/src/features/replay/heatmap-layout';

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

describe('exact-size cut-offs', () => {
  it('reads sizes as traders type them', () => {
    expect(parseSize('2500')).toBe(2500);
    expect(parseSize(' 2,500 ')).toBe(2500);
    expect(parseSize('5k')).toBe(5000);
    expect(parseSize('1.5K')).toBe(1500);
    expect(parseSize('2m')).toBe(2_000_000);
    expect(parseSize('0')).toBe(0);
    for (const bad of ['', 'abc', '-5', '5 shares', '1e3', '5kk', 'NaN']) expect(parseSize(bad)).toBeNull();
  });

  it('accepts 0 ≤ lower < upper ≤ 1e9 and says which field to fix otherwise', () => {
    expect(parseCutoffs('200', '5k')).toEqual({ ok: true, lo: 200, hi: 5000 });
    expect(parseCutoffs('x', '5k')).toMatchObject({ ok: false, field: 'lo' });
    expect(parseCutoffs('200', '')).toMatchObject({ ok: false, field: 'hi' });
    expect(parseCutoffs('5000', '5000')).toEqual({ ok: false, field: 'hi', message: 'Upper cut-off must be above the lower (5,000)' });
    expect(parseCutoffs('0', '2000m')).toMatchObject({ ok: false, field: 'hi', message: expect.stringMatching(/at most/) });
  });

  it('colours by the typed sizes whatever the view holds', () => {
    const s = sizeScale(100, 1100, 1);
    expect(intensity(100, s)).toBe(0);
    expect(intensity(600, s)).toBeCloseTo(0.5);
    expect(intensity(5000, s)).toBe(1);
    expect(sizeScale(10, 5, 9)).toEqual({ lo: 10, hi: 10, gamma: 3 });
    // visibleScale in size mode does not look at the cells at all (an empty cache would otherwise give 0 … 0).
    const v = viewportFor(0, 1000, 0, 10, 100, 100);
    const empty = { t0: 0, sliceMs: 100, minTick: 0.01, columns: [], seq: 0 };
    expect(visibleScale(empty, v, { ...DEFAULT_HEAT, mode: 'size', loSize: 300, hiSize: 900, gamma: 2 })).toEqual({ lo: 300, hi: 900, gamma: 2 });
    expect(visibleScale(empty, v, DEFAULT_HEAT)).toEqual({ lo: 0, hi: 0, gamma: 1 });
  });

  it('prefills from the percentile scale rounded to two significant figures', () => {
    expect(roundCutoff(4873.2)).toBe(4900);
    expect(roundCutoff(87.4)).toBe(87);
    expect(roundCutoff(3)).toBe(3);
    expect(roundCutoff(0)).toBe(0);
  });
});
