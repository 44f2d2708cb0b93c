import { BookProcess } from './book-process';
import { MIN_ACTIVITY, depthActivity } from './depth-activity';
import { SESSION_MINUTES, etDay, isWeekday, sessionMinuteIndex } from './et-time';
import { Listeners } from './listeners';
import { Rng } from './rng';
import type { Tape } from './tape';
import type { SimQuote } from './types';
import type { StockModel } from './universe';
import { volumeProfile } from './volume-profile';

const MINUTE_MS = 60_000;
/** Longest stretch of tape replayed in one step; a longer stall (a sleeping laptop) skips ahead. */
const MAX_CATCH_UP_MS = 2 * 3_600_000;
/** Market-maker actions older than this are dropped rather than replayed in a burst. */
const MAX_NOISE_LAG_MS = 2_000;

/** An active model symbol: its book process fed by the tape, and who listens. */
export class LiveSymbol {
  readonly listeners = new Listeners();
  readonly book: BookProcess;
  private readonly rng: Rng;
  private cursor: number;
  private nextNoise: number;
  private quoteKey = '';
  private rateMinute = -1;
  private rate = 0;
  private profileDay = -1;
  private profile: ArrayLike<number> = [];

  constructor(
    private readonly m: StockModel,
    private readonly tape: Tape,
    now: number,
    private readonly depthRate: number,
    seed: number,
    readonly price: (ticks: number) => number,
  ) {
    this.rng = Rng.of(seed, m.stock.conId, now, 0x4c4f42);
    this.book = new BookProcess(m, this.rng, this.listeners.depth, price);
    this.book.seed(tape.summaryAt(m, now).lastTicks);
    this.cursor = now;
    this.nextNoise = now;
    this.quoteKey = this.key();
  }

  /** Market-maker actions per simulated second at instant t, following the minute's activity. */
  private rateAt(t: number): number {
    const minute = Math.floor(t / MINUTE_MS);
    if (minute === this.rateMinute) return this.rate;
    this.rateMinute = minute;
    const day = etDay(t);
    const idx = sessionMinuteIndex(t);
    const f = isWeekday(day) && idx >= 0 && idx < SESSION_MINUTES ? this.tape.facts(this.m, day) : undefined;
    const p = f && this.tape.path(this.m, day);
    if (!f || !p) return (this.rate = this.depthRate * MIN_ACTIVITY);
    if (day !== this.profileDay) {
      this.profile = volumeProfile(f.scenario);
      this.profileDay = day;
    }
    return (this.rate = this.depthRate * depthActivity(this.m, idx, f.volumeTarget * this.profile[idx], p.volume[idx]));
  }

  private key(): string {
    const s = this.book.sides;
    return `${s.best(1)?.px}|${s.best(0)?.px}|${s.bestSize(1)}|${s.bestSize(0)}`;
  }

  private maybeQuote(t: number): void {
    const k = this.key();
    if (k === this.quoteKey) return;
    this.quoteKey = k;
    this.listeners.quote(this.quoteAt(t));
  }

  quoteAt(t: number): SimQuote {
    const s = this.book.sides;
    const b = s.best(1);
    const a = s.best(0);
    return { time: t, bid: b ? this.price(b.px) : 0, ask: a ? this.price(a.px) : 0, bidSize: s.bestSize(1), askSize: s.bestSize(0) };
  }

  private noiseUntil(t: number): void {
    if (this.nextNoise < t - MAX_NOISE_LAG_MS) this.nextNoise = t - MAX_NOISE_LAG_MS;
    while (this.nextNoise <= t) {
      const at = this.nextNoise;
      this.book.noise();
      this.maybeQuote(at);
      this.nextNoise += this.rng.exp(1000 / this.rateAt(at));
    }
  }

  /** Plays the tape from the last step to `now`: trades at their times, market makers in between. */
  advance(now: number): void {
    if (now <= this.cursor) return;
    const from = Math.max(this.cursor, now - MAX_CATCH_UP_MS);
    for (let ms = Math.floor(from / MINUTE_MS) * MINUTE_MS; ms <= now; ms += MINUTE_MS) {
      const day = etDay(ms);
      const idx = sessionMinuteIndex(ms);
      if (!isWeekday(day) || idx < 0 || idx >= SESSION_MINUTES) continue;
      for (const t of this.tape.minute(this.m, day, idx)) {
        if (t.time <= from || t.time > now) continue;
        this.noiseUntil(t.time);
        this.book.trade(t, (tr) =>
          this.listeners.trade({ time: tr.time, price: this.price(tr.ticks), size: tr.size, exchange: tr.exchange, conditions: '' }));
        this.maybeQuote(t.time);
      }
    }
    this.noiseUntil(now);
    this.cursor = now;
  }
}
