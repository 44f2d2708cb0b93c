import { Rng } from './rng';
import { prevWeekday, nextWeekday } from './et-time';
import { type StockModel, type TodayScenario, ordinaryPremarketShare } from './universe';

/** The day-level facts of one session, in ticks of the stock's min tick. */
export interface DayFacts {
  day: number;
  prevCloseTicks: number;
  /** Official open (first regular-session trade). */
  openTicks: number;
  /** Official close (last regular-session trade). */
  closeTicks: number;
  /** Target full-day volume (the realised volume is the sum of minute volumes and lands close to it). */
  volumeTarget: number;
  scenario: TodayScenario;
  sigma: number;
}

/** Sessions kept before the anchor day: enough for a year of daily bars. */
const MAX_BACK = 400;

interface Draw {
  gap: number;
  intraday: number;
  scenario: TodayScenario;
  sigma: number;
  volumeTarget: number;
}

/**
 * Chains daily closes through sessions around the anchor day (the simulator's first "today"):
 * backwards from the stock's official previous close, forwards from there, each day drawn from
 * its own seeded generator so a day's facts never depend on which days were asked for first.
 */
export class DailyChain {
  private readonly facts = new Map<number, DayFacts>();
  private readonly prevAnchor: number;

  constructor(
    private readonly model: StockModel,
    private readonly seed: number,
    private readonly anchorDay: number,
  ) {
    this.prevAnchor = prevWeekday(anchorDay);
  }

  private draw(day: number): Draw {
    const m = this.model;
    const rng = Rng.of(this.seed, m.stock.conId, day, 0x444159);
    const isAnchor = day === this.anchorDay;
    const scenario: TodayScenario = isAnchor
      ? m.today
      : { gap: rng.normal() * m.sigmaDaily * 0.35, volumeMult: rng.logNormal(0.96, 0.28), premarketShare: ordinaryPremarketShare(rng), newsMinute: -1 };
    const sigma = m.isGapper && !isAnchor ? m.sigmaDaily / 1.8 : m.sigmaDaily;
    // Gappers fade or run; others wander around zero.
    const intraday = isAnchor && m.isGapper ? rng.normal() * 0.12 : rng.normal() * sigma * 0.9;
    return { gap: isAnchor ? m.today.gap : scenario.gap, intraday, scenario, sigma, volumeTarget: Math.round(m.baseVolume * scenario.volumeMult) };
  }

  private toFacts(day: number, prevCloseTicks: number, d: Draw, closeTicks?: number): DayFacts {
    const openTicks = Math.max(1, Math.round(prevCloseTicks * (1 + d.gap)));
    const close = closeTicks ?? Math.max(1, Math.round(openTicks * Math.exp(d.intraday)));
    return { day, prevCloseTicks, openTicks, closeTicks: close, volumeTarget: d.volumeTarget, scenario: d.scenario, sigma: d.sigma };
  }

  /** Facts of the session on weekday `day` (undefined beyond the kept range). */
  get(day: number): DayFacts | undefined {
    const cached = this.facts.get(day);
    if (cached) return cached;
    if (day <= this.prevAnchor) this.fillBackTo(day);
    else this.fillForwardTo(day);
    return this.facts.get(day);
  }

  private fillBackTo(day: number): void {
    const tick = this.model.stock.minTick;
    let d = this.prevAnchor;
    let closeTicks = Math.round(this.model.stock.prevClose / tick);
    for (let n = 0; n < MAX_BACK && d >= day; n++) {
      const existing = this.facts.get(d);
      if (existing) {
        closeTicks = existing.prevCloseTicks;
        d = prevWeekday(d);
        continue;
      }
      const dr = this.draw(d);
      const openTicks = Math.max(1, Math.round(closeTicks / Math.exp(dr.intraday)));
      const prevCloseTicks = Math.max(1, Math.round(openTicks / (1 + dr.gap)));
      this.facts.set(d, { ...this.toFacts(d, prevCloseTicks, dr, closeTicks), openTicks });
      closeTicks = prevCloseTicks;
      d = prevWeekday(d);
    }
  }

  private fillForwardTo(day: number): void {
    let d = this.anchorDay;
    let prevClose = Math.round(this.model.stock.prevClose / this.model.stock.minTick);
    for (let n = 0; n < MAX_BACK && d <= day; n++) {
      const existing = this.facts.get(d);
      if (!existing) this.facts.set(d, this.toFacts(d, prevClose, this.draw(d)));
      prevClose = this.facts.get(d)!.closeTicks;
      d = nextWeekday(d);
    }
  }
}
