import { ManualClock } from '../../../src-main/platform/clock';
import { createSimMarket } from '../../../src-main/sim/market';
import { daysFromCivil, etTime } from '../../../src-main/sim/market/et-time';
import type { SimMarket, SimMarketOptions } from '../../../src-main/sim/market/types';

/** Wednesday 2025-03-12, a plain weekday session. */
export const DAY = daysFromCivil(2025, 3, 12);
export const at = (hh: number, mm: number, day = DAY): number => etTime(day, hh * 60 + mm);

/** A market on a hand-moved clock; `pump()` advances active symbols synchronously via book(). */
export function manualMarket(opts: Partial<SimMarketOptions> & { depthRate?: number } = {}): {
  market: SimMarket;
  clock: ManualClock;
  advance(ms: number, pumpConIds?: number[]): void;
} {
  const clock = new ManualClock(1_000_000);
  const market = createSimMarket({ seed: 42, speed: 1, startTime: at(9, 45), realClock: clock, tickMs: 1_000_000, ...opts });
  return {
    market,
    clock,
    advance(ms, pumpConIds = []) {
      // Small steps so market makers act between prints as they would live.
      for (let left = ms; left > 0; left -= 500) {
        clock.advance(Math.min(500, left));
        for (const id of pumpConIds) market.book(id, 0, true);
      }
    },
  };
}
