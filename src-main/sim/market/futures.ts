/**
 * The simulator's futures: a few CME/COMEX roots with their listed expiries, each a tradable instrument
 * of the market (own conId, book, tape and bars) like a stock, but never in a stock scan. Contract
 * terms follow the exchanges: ES/NQ quarterly (third Friday), 6E quarterly (two business days before
 * the third Wednesday), GC on its active months (third-last business day of the month before).
 */
import { daysFromCivil, isWeekday, nextWeekday, prevWeekday } from './et-time';
import { Rng } from './rng';
import type { SimFuture, SimStock } from './types';
import type { StockModel } from './universe';

interface FutureSpec {
  root: string;
  ibSymbol: string;
  exchange: 'CME' | 'COMEX';
  longName: string;
  price: number;
  minTick: number;
  multiplier: number;
  /** Listed months (1-12). */
  months: number[];
  lastTrade(y: number, m: number): number;
  adv: number;
  tradeSize: number;
  sigmaDaily: number;
  /** Base of the roots' conIds (each expiry adds its index). */
  conIdBase: number;
}

const MONTH_CODES = 'FGHJKMNQUVXZ';
const QUARTERS = [3, 6, 9, 12];

/** Day number of the nth `dow` (0 Sunday) of a month. */
function nthWeekday(y: number, m: number, dow: number, n: number): number {
  const first = daysFromCivil(y, m, 1);
  return first + ((dow - ((first + 4) % 7) + 7) % 7) + (n - 1) * 7;
}

const thirdFriday = (y: number, m: number) => nthWeekday(y, m, 5, 3);
const twoBusinessDaysBefore = (day: number) => prevWeekday(prevWeekday(day));

/** GC: trading ends on the third-last business day of the contract month. */
function thirdLastBusinessDay(y: number, m: number): number {
  let d = daysFromCivil(y, m + 1, 1) - 1;
  while (!isWeekday(d)) d--;
  return prevWeekday(prevWeekday(d));
}

export const SIM_FUTURE_SPECS: readonly FutureSpec[] = [
  { root: 'ES', ibSymbol: 'ES', exchange: 'CME', longName: 'E-mini S&P 500', price: 6050, minTick: 0.25, multiplier: 50, months: QUARTERS,
    lastTrade: thirdFriday, adv: 1_600_000, tradeSize: 4, sigmaDaily: 0.01, conIdBase: 950_000_100 },
  { root: 'NQ', ibSymbol: 'NQ', exchange: 'CME', longName: 'E-mini Nasdaq-100', price: 21_400, minTick: 0.25, multiplier: 20, months: QUARTERS,
    lastTrade: thirdFriday, adv: 650_000, tradeSize: 2, sigmaDaily: 0.013, conIdBase: 950_000_200 },
  { root: 'GC', ibSymbol: 'GC', exchange: 'COMEX', longName: 'Gold', price: 2650, minTick: 0.1, multiplier: 100, months: [2, 4, 6, 8, 10, 12],
    lastTrade: thirdLastBusinessDay, adv: 220_000, tradeSize: 2, sigmaDaily: 0.011, conIdBase: 950_000_300 },
  { root: '6E', ibSymbol: 'EUR', exchange: 'CME', longName: 'Euro FX', price: 1.0575, minTick: 0.00005, multiplier: 125_000, months: QUARTERS,
    lastTrade: (y, m) => twoBusinessDaysBefore(nthWeekday(y, m, 3, 3)), adv: 200_000, tradeSize: 3, sigmaDaily: 0.005, conIdBase: 950_000_400 },
];

/** How many expiries of each root are listed. */
export const LISTED_EXPIRIES = 4;

const ymd = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
const roundTo = (p: number, tick: number) => Math.round(p / tick) * tick;

/** The next `count` contract months of a spec whose last trade day is `fromDay` or later. */
function listedMonths(spec: FutureSpec, fromDay: number, count: number): Array<{ y: number; m: number; last: number }> {
  const out: Array<{ y: number; m: number; last: number }> = [];
  const start = new Date(fromDay * 86_400_000);
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth() + 1; out.length < count; m === 12 ? ((m = 1), y++) : m++) {
    if (!spec.months.includes(m)) continue;
    const last = spec.lastTrade(y, m);
    if (last >= fromDay) out.push({ y, m, last: isWeekday(last) ? last : nextWeekday(last) });
  }
  return out;
}

function futureModel(spec: FutureSpec, rng: Rng, k: number, y: number, m: number, last: number): StockModel {
  const decimals = Math.max(2, Math.ceil(-Math.log10(spec.minTick) - 1e-9));
  // Deferred months carry a small premium (cost of carry) over the front.
  const prevClose = Number(roundTo(spec.price * (1 + 0.006 * k) * rng.uniform(0.995, 1.005), spec.minTick).toFixed(decimals));
  const future: SimFuture = {
    root: spec.root, ibSymbol: spec.ibSymbol, exchange: spec.exchange, multiplier: spec.multiplier,
    lastTradeDate: ymd(last), contractMonth: `${y}${String(m).padStart(2, '0')}`,
    localSymbol: `${spec.root}${MONTH_CODES[m - 1]}${y % 10}`,
  };
  const stock: SimStock = {
    conId: spec.conIdBase + k, symbol: future.localSymbol, longName: spec.longName, primaryExchange: spec.exchange,
    minTick: spec.minTick, prevClose, avgDailyVolume: Math.round(spec.adv / (1 + 4 * k)), floatShares: 0,
    industry: 'Futures', category: spec.longName, future,
  };
  // Volume concentrates in the front month; deferred months trade a fraction.
  const baseVolume = stock.avgDailyVolume;
  return {
    stock, sigmaDaily: spec.sigmaDaily, spreadTicks: 1, tradeSize: spec.tradeSize, baseVolume, isGapper: false,
    today: { gap: rng.normal() * 0.002, volumeMult: rng.logNormal(1, 0.15), premarketShare: 0.12, newsMinute: -1 },
  };
}

/** Every listed expiry of every root, as of ET day `anchorDay` (same seed, same contracts and prices). */
export function createFutures(seed: number, anchorDay: number): StockModel[] {
  const rng = Rng.of(seed, 0x465554);
  return SIM_FUTURE_SPECS.flatMap((spec) => listedMonths(spec, anchorDay, LISTED_EXPIRIES).map((e, k) => futureModel(spec, rng, k, e.y, e.m, e.last)));
}
