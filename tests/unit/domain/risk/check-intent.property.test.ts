import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIntent } from '../../../../src-shared/domain/risk/check-intent';
import { isReducing } from '../../../../src-shared/domain/risk/exposure';
import { contextArb, intentArb, limitsArb } from './arbitraries';
import { NOW } from './risk-fixtures';

describe('checkIntent properties', () => {
  it('an accepted intent satisfies every limit, checked independently of the rule code', () => {
    let accepted = 0;
    fc.assert(
      fc.property(intentArb(), contextArb(NOW), limitsArb(), (i, c, l) => {
        const d = checkIntent(i, c, l);
        if (!d.ok) {
          expect(d.message.startsWith(`${d.rule}: `)).toBe(true);
          return;
        }
        expect(c.state === 'armed' || (c.state === 'reducing' && isReducing(i, c))).toBe(true);
        expect(Number.isInteger(i.quantity) && i.quantity <= l.maxShares).toBe(true);
        const q = c.quote!;
        expect(q.bid > 0 && q.ask >= q.bid && !q.halted && NOW - q.ts <= l.maxQuoteAgeMs).toBe(true);
        const ref = i.limitPrice ?? i.stopPrice ?? q.ask;
        if (i.type !== 'MKT' && i.type !== 'TRAIL') expect(i.quantity * ref).toBeLessThanOrEqual(l.maxNotional + 1e-6);
        if (c.phase !== 'regular') expect(i.outsideRth && (i.type === 'LMT' || i.type === 'STP LMT')).toBe(true);
        if (!isReducing(i, c)) expect(c.dailyPnl !== undefined && c.dailyPnl > -l.maxDailyLoss).toBe(true);
        expect(c.recentSubmits.filter((t) => t > NOW - 1000).length + (i.bracket ? 3 : 1)).toBeLessThanOrEqual(l.maxSubmitsPerSec);
        accepted++;
      }),
      { numRuns: 3000, seed: 12 },
    );
    expect(accepted).toBeGreaterThan(10); // the generators reach the accepting side too
  });

  it('tightening a limit never turns a refusal into an acceptance; the decision is deterministic', () => {
    fc.assert(
      fc.property(intentArb(), contextArb(NOW), limitsArb(), fc.double({ min: 0.1, max: 1, noNaN: true }), (i, c, l, k) => {
        const loose = checkIntent(i, c, l);
        expect(checkIntent(i, c, l)).toEqual(loose);
        const tight = { ...l, maxShares: Math.max(1, Math.floor(l.maxShares * k)), maxNotional: l.maxNotional * k, maxDailyLoss: l.maxDailyLoss * k };
        if (!loose.ok) expect(checkIntent(i, c, tight).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
