import { describe, expect, it } from 'vitest';
import { SCORE_WEIGHTS, scoreCandidate } from '../../../src-shared/domain/score';

describe('scoreCandidate', () => {
  it('gives a perfect candidate 100 and sums its parts', () => {
    const r = scoreCandidate({ price: 8, spreadPct: 0.05, gapPct: 40, rvol: 12, rank: 0 });
    expect(r.parts).toEqual(SCORE_WEIGHTS);
    expect(r.score).toBe(100);
  });

  it('earns nothing for unknown inputs', () => {
    const r = scoreCandidate({ price: null, spreadPct: null, gapPct: null, rvol: null, rank: 100 });
    expect(r.parts).toEqual({ price: 0, spread: 0, gap: 0, rvol: 0, rank: 0 });
    expect(r.score).toBe(0);
  });

  it('prefers the $2–$20 sweet spot, tight spreads, bigger gaps and RVOL, higher ranks', () => {
    const base = { price: 8, spreadPct: 0.5, gapPct: 10, rvol: 3, rank: 3 };
    const s = (p: Partial<typeof base>) => scoreCandidate({ ...base, ...p }).score;
    expect(s({ price: 1.2 })).toBeLessThan(s({}));
    expect(s({ price: 29 })).toBeLessThan(s({}));
    expect(s({ price: 2 })).toBe(s({ price: 20 }));
    expect(s({ spreadPct: 1.5 })).toBeLessThan(s({}));
    expect(s({ gapPct: 20 })).toBeGreaterThan(s({}));
    expect(s({ gapPct: -5 })).toBeLessThan(s({ gapPct: 1 }));
    expect(s({ rvol: 6 })).toBeGreaterThan(s({}));
    expect(s({ rank: 30 })).toBeLessThan(s({}));
    const r = scoreCandidate(base);
    expect(r.score).toBe(Math.round(Object.values(r.parts).reduce((a, b) => a + b, 0)));
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThan(100);
  });
});
