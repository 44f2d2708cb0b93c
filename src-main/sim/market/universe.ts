import { Rng } from './rng';
import { INDUSTRIES, WELL_KNOWN, makeLongName, makeTicker } from './tickers';
import type { SimStock } from './types';

/** Today's story for one name: the gap and the crowd it draws. */
export interface TodayScenario {
  /** Gap vs previous close as a fraction (0.25 = +25 %); small for ordinary names. */
  gap: number;
  /** Today's volume ÷ average daily volume. */
  volumeMult: number;
  /** Share of today's volume traded 04:00-09:30. */
  premarketShare: number;
  /** Premarket minute index of the news (-1: none). */
  newsMinute: number;
}

/** A stock plus the hidden parameters that drive its processes. */
export interface StockModel {
  stock: SimStock;
  /** Standard deviation of the daily log return. */
  sigmaDaily: number;
  /** Typical quoted spread in ticks. */
  spreadTicks: number;
  /** Typical trade size in shares. */
  tradeSize: number;
  /** Mean full-day volume the day-level draws scatter around. */
  baseVolume: number;
  today: TodayScenario;
  isGapper: boolean;
}

export const DEFAULT_UNIVERSE_SIZE = 300;

/** Premarket share of an ordinary day's volume: drawn from [MIN, MAX] (mean 2.75 %). */
export const PREMARKET_SHARE_RANGE: readonly [number, number] = [0.02, 0.035];
const MEAN_PREMARKET_SHARE = (PREMARKET_SHARE_RANGE[0] + PREMARKET_SHARE_RANGE[1]) / 2;

/** An ordinary day's premarket share. */
export const ordinaryPremarketShare = (rng: Rng): number => rng.uniform(PREMARKET_SHARE_RANGE[0], PREMARKET_SHARE_RANGE[1]);

export const minTickFor = (price: number): number => (price < 1 ? 0.0001 : 0.01);

function drawPrice(rng: Rng): number {
  const u = rng.next();
  if (u < 0.08) return rng.uniform(0.2, 1);
  if (u < 0.55) return Math.exp(rng.uniform(Math.log(1), Math.log(30)));
  if (u < 0.82) return rng.uniform(30, 120);
  return rng.uniform(120, 650);
}

function roundTo(price: number, tick: number): number {
  const decimals = tick < 0.01 ? 4 : 2;
  return Number((Math.round(price / tick) * tick).toFixed(decimals));
}

function makeModel(rng: Rng, stock: SimStock): StockModel {
  const p = stock.prevClose;
  const small = p < 30;
  const tradeSize = Math.round((p < 5 ? 500 : p < 20 ? 200 : p < 100 ? 100 : 60) * rng.uniform(0.7, 1.4));
  const liquid = stock.avgDailyVolume > 5e6;
  const spreadTicks = p < 1 ? rng.int(3, 15) : liquid ? 1 : small ? rng.int(1, 2) : rng.int(1, 4);
  return {
    stock,
    sigmaDaily: small ? rng.uniform(0.035, 0.08) : rng.uniform(0.01, 0.028),
    spreadTicks,
    tradeSize,
    baseVolume: stock.avgDailyVolume,
    today: { gap: rng.normal() * 0.008, volumeMult: rng.logNormal(1, 0.25), premarketShare: ordinaryPremarketShare(rng), newsMinute: -1 },
    isGapper: false,
  };
}

function madeUpStock(rng: Rng, taken: Set<string>, conIds: Set<number>): SimStock {
  const symbol = makeTicker(rng, taken);
  let conId = rng.int(100_000_000, 699_999_999);
  while (conIds.has(conId)) conId++;
  conIds.add(conId);
  const [industry, categories] = rng.pick(INDUSTRIES);
  const price = drawPrice(rng);
  const tick = minTickFor(price);
  const small = price < 30;
  const adv = Math.round(small ? rng.logNormal(1.5e6, 1.1) : rng.logNormal(3e6, 0.8));
  return {
    conId,
    symbol,
    longName: makeLongName(rng, industry),
    primaryExchange: rng.chance(0.62) ? 'NASDAQ' : rng.chance(0.8) ? 'NYSE' : 'AMEX',
    minTick: tick,
    prevClose: roundTo(price, tick),
    avgDailyVolume: Math.max(20_000, adv),
    floatShares: Math.round(small ? rng.logNormal(25e6, 0.9) : rng.logNormal(4e8, 0.9)),
    industry,
    category: rng.pick(categories),
  };
}

/** Picks 15-30 gappers, mostly $1-$30 names, a few gapping down, and gives them their morning. */
function makeGapMorning(rng: Rng, models: StockModel[]): void {
  const pool = models.filter((m) => m.stock.prevClose >= 1 && m.stock.prevClose <= 30 && m.stock.symbol.length > 1);
  const others = models.filter((m) => !pool.includes(m) && m.stock.prevClose >= 0.3 && m.stock.prevClose <= 120);
  const count = rng.int(15, 30);
  const chosen = new Set<StockModel>();
  while (chosen.size < count && chosen.size < pool.length + others.length) {
    chosen.add(rng.chance(0.9) && pool.length > 0 ? rng.pick(pool) : rng.pick(others));
  }
  let downs = rng.int(2, 4);
  for (const m of chosen) {
    const down = downs-- > 0;
    const size = Math.min(0.6, 0.04 + rng.exp(down ? 0.06 : 0.12));
    // Bigger gaps draw bigger crowds: premarket RVOL of a few to a few dozen times, rarely ~100×.
    const rvol = Math.min(100, Math.max(3, rng.logNormal(5 + 50 * size, 0.45)));
    const volumeMult = Math.min(30, 1.5 + rvol * rng.uniform(0.2, 0.45));
    m.isGapper = true;
    m.today = {
      gap: down ? -Math.min(0.35, size) : size,
      volumeMult,
      premarketShare: Math.min(0.4, (rvol * MEAN_PREMARKET_SHARE) / volumeMult),
      newsMinute: rng.int(0, 270),
    };
    m.sigmaDaily *= 1.8;
  }
}

/** The seeded universe: the same seed always gives the same stocks, parameters and gap morning. */
export function createUniverse(seed: number, size = DEFAULT_UNIVERSE_SIZE): StockModel[] {
  const rng = Rng.of(seed, 0x554e49);
  const taken = new Set(WELL_KNOWN.map((w) => w.symbol));
  const conIds = new Set(WELL_KNOWN.map((w) => w.conId));
  const known = WELL_KNOWN.slice(0, Math.min(WELL_KNOWN.length, Math.max(1, Math.floor(size / 10))));
  const models: StockModel[] = known.map((w) =>
    makeModel(rng, {
      conId: w.conId,
      symbol: w.symbol,
      longName: w.longName,
      primaryExchange: w.exchange,
      minTick: 0.01,
      prevClose: roundTo(w.price * rng.uniform(0.93, 1.07), 0.01),
      avgDailyVolume: w.adv,
      floatShares: w.float,
      industry: w.industry,
      category: w.category,
    }),
  );
  while (models.length < size) models.push(makeModel(rng, madeUpStock(rng, taken, conIds)));
  makeGapMorning(rng, models);
  return models;
}
