import { describe, expect, it } from 'vitest';
import { prevWeekday } from '../../../src-main/sim/market/et-time';
import { Tape } from '../../../src-main/sim/market/tape';
import { type StockModel, createUniverse } from '../../../src-main/sim/market/universe';
import { DAY } from './market-helpers';

/** Session minute index of 09:00 ET (minutes count from 04:00). */
const AT_0900 = 5 * 60;
const BASELINE_SESSIONS = 20;

/** Time-of-day RVOL: volume by 09:00 today ÷ mean volume by 09:00 over the previous 20 sessions. */
function rvolAt0900(tape: Tape, m: StockModel): { rvol: number; volume: number } {
  let day = DAY;
  let sum = 0;
  for (let n = 0; n < BASELINE_SESSIONS; n++) sum += tape.path(m, (day = prevWeekday(day)))!.cumVolume[AT_0900];
  const volume = tape.path(m, DAY)!.cumVolume[AT_0900];
  return { rvol: volume / (sum / BASELINE_SESSIONS), volume };
}

const share = (xs: number[], ok: (x: number) => boolean) => xs.filter(ok).length / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('premarket relative volume at 09:00 ET', () => {
  it.each([42, 7])('looks like a real gap morning for seed %i', (seed) => {
    const models = createUniverse(seed);
    const tape = new Tape(seed, DAY);
    const gappers = models.filter((m) => m.isGapper).map((m) => rvolAt0900(tape, m));
    // A sample of ordinary names keeps the test quick; they are all drawn alike.
    const ordinary = models.filter((m) => !m.isGapper).slice(0, 80).map((m) => rvolAt0900(tape, m).rvol);

    const g = gappers.map((x) => x.rvol);
    expect(share(g, (r) => r >= 5 && r <= 40)).toBeGreaterThanOrEqual(0.75);
    expect(median(g)).toBeGreaterThan(8);
    expect(median(g)).toBeLessThan(25);
    expect(Math.max(...g)).toBeLessThanOrEqual(120);
    // Hundreds of thousands to a few million shares, not tens of millions.
    const volumes = gappers.map((x) => x.volume);
    expect(median(volumes)).toBeGreaterThan(100_000);
    expect(median(volumes)).toBeLessThan(3_000_000);
    expect(Math.max(...volumes)).toBeLessThan(15_000_000);

    expect(share(ordinary, (r) => r >= 0.5 && r <= 2)).toBeGreaterThanOrEqual(0.9);
    expect(median(ordinary)).toBeGreaterThan(0.8);
    expect(median(ordinary)).toBeLessThan(1.25);
  });
});
