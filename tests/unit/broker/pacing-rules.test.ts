import { describe, expect, it } from 'vitest';
import { IB_PACING, countsAgainstCeiling, isSmallBarSize, pacingDelay, pruneLog, requestWeight, type PacingLimits } from '../../../src-main/broker/pacing-rules';

const L: PacingLimits = { ...IB_PACING, marginMs: 0 };
const req = (identity: string, group = 'g', weight = 1) => ({ identity, group, weight });
const at = (t: number, identity: string, group = 'g', weight = 1) => ({ at: t, identity, group, weight });

describe('pacingDelay', () => {
  it('blocks an identical request for 15 s', () => {
    expect(pacingDelay({ sent: [at(0, 'a')], open: 0 }, req('a'), 1000, L)).toBe(14_000);
    expect(pacingDelay({ sent: [at(0, 'a')], open: 0 }, req('b', 'h'), 1000, L)).toBe(0);
  });

  it('allows 5 per contract/exchange/tick type in 2 s, not 6', () => {
    const sent = [0, 100, 200, 300, 400].map((t, i) => at(t, `r${i}`));
    expect(pacingDelay({ sent, open: 0 }, req('x'), 500, L)).toBe(1500);
    expect(pacingDelay({ sent: sent.slice(1), open: 0 }, req('x'), 500, L)).toBe(0);
    expect(pacingDelay({ sent, open: 0 }, req('x', 'other'), 500, L)).toBe(0);
  });

  it('allows 60 units in 10 minutes, BID_ASK counting twice', () => {
    const sent = Array.from({ length: 59 }, (_, i) => at(i * 5000, `r${i}`, `g${i}`));
    expect(pacingDelay({ sent, open: 0 }, req('x', 'z'), 300_000, L)).toBe(0);
    expect(pacingDelay({ sent, open: 0 }, req('x', 'z', requestWeight('BID_ASK')), 300_000, L)).toBe(600_000 - 300_000);
  });

  it('applies the 10-minute ceiling to small bars only: a 1-minute chart never waits for it, nor counts in it', () => {
    const full = Array.from({ length: 60 }, (_, i) => at(i * 5000, `r${i}`, `g${i}`));
    expect(pacingDelay({ sent: full, open: 0 }, req('x', 'z'), 300_000, L)).toBe(300_000);
    expect(pacingDelay({ sent: full, open: 0 }, { ...req('x', 'z'), capped: false }, 300_000, L)).toBe(0);
    const minuteBars = Array.from({ length: 100 }, (_, i) => ({ ...at(i * 3000, `m${i}`, `g${i}`), capped: false }));
    expect(pacingDelay({ sent: minuteBars, open: 0 }, req('x', 'z'), 300_000, L)).toBe(0);
    // the identical and burst rules still hold for big bars
    expect(pacingDelay({ sent: [at(0, 'a')], open: 0 }, { ...req('a'), capped: false }, 1000, L)).toBe(14_000);
  });

  it('knows IB small bar sizes (30 seconds or less)', () => {
    expect(['1 secs', '5 secs', '15 secs', '30 secs'].every(isSmallBarSize)).toBe(true);
    expect(['1 min', '2 mins', '1 hour', '1 day', '1 W', '45 secs'].some(isSmallBarSize)).toBe(false);
  });

  it('charts of a minute and more skip the ceiling; backfill keeps to it whatever the bar size', () => {
    expect(countsAgainstCeiling('1 min', 'interactive')).toBe(false);
    expect(countsAgainstCeiling('1 day', 'interactive')).toBe(false);
    expect(countsAgainstCeiling('5 secs', 'interactive')).toBe(true);
    expect(countsAgainstCeiling('1 min', 'background')).toBe(true);
  });

  it('waits for a completion when 50 are open', () => {
    expect(pacingDelay({ sent: [], open: 50 }, req('x'), 0, L)).toBe(Infinity);
  });

  it('adds the safety margin to every window', () => {
    expect(pacingDelay({ sent: [at(0, 'a')], open: 0 }, req('a'), 0, { ...L, marginMs: 250 })).toBe(15_250);
  });

  it('pruneLog forgets what no window can see', () => {
    expect(pruneLog([at(0, 'a'), at(600_000, 'b')], 700_000, L).map((r) => r.identity)).toEqual(['b']);
  });
});
