/**
 * The one risk check: an intent, the state of the world and the limits in; the first failing rule out.
 * Pure and synchronous so it can run in well under a millisecond on every order, and so a property test can
 * throw random intents at it. The order of RULES is the order the trader sees refusals in.
 */
import type { RiskContext } from './context';
import { addedPerSide, grossExposure, isReducing, messageCount, positionOf, shortShares, workingShares } from './exposure';
import type { OrderIntent } from './intent';
import type { RiskLimits } from './limits';
import { collarPrice, onTickGrid } from './prices';
import { etToEpoch } from '../et-time';

export const RISK_RULES = [
  'state', 'duplicate-intent', 'order-type', 'outside-rth', 'quantity', 'tick-size', 'price-side', 'bracket', 'quote',
  'price-band', 'notional', 'position', 'gross-exposure', 'shortable', 'open-orders', 'orders-per-side', 'orders-per-day',
  'trades-per-day', 'daily-loss', 'submit-rate',
] as const;
export type RiskRule = (typeof RISK_RULES)[number];

export type RiskDecision = { ok: true } | { ok: false; rule: RiskRule; message: string };

interface Facts {
  reducing: boolean;
  /** The price the entry is valued at: limit, stop, or the market collar. */
  refPrice: number | undefined;
}

type Check = (i: OrderIntent, c: RiskContext, l: RiskLimits, f: Facts) => string | undefined;

const fmt = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toFixed(4))));
const LIMIT_TYPES = new Set(['LMT', 'STP LMT']);

const state: Check = (i, c, _l, f) => {
  if (c.haltedSymbols.includes(i.symbol)) return `${i.symbol} is halted until the reconciliation finding is acknowledged`;
  if (c.state === 'armed') return undefined;
  if (c.state === 'reducing') return f.reducing ? undefined : `reducing: only orders that shrink the ${i.symbol} position are allowed`;
  return `trading is ${c.state}: no new orders`;
};

const duplicate: Check = (i, c) => (c.isKnownIntent(i.intentId) ? `intent ${i.intentId} was already sent: the existing order stands` : undefined);

/** A GTD intent's good-till time ('YYYYMMDD HH:MM:SS', ET wall time) as epoch ms. */
function goodTillMs(text: string): number {
  const [d, t] = text.split(' ');
  const [hh, mm, ss] = t.split(':').map(Number);
  return etToEpoch(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, hh, mm, ss);
}

function orderType(i: OrderIntent, c: RiskContext, l: RiskLimits): string | undefined {
  if (!l.allowedTypes.includes(i.type)) return `order type ${i.type} is not allowed`;
  if (!l.allowedTifs.includes(i.tif)) return `time in force ${i.tif} is not allowed`;
  if (LIMIT_TYPES.has(i.type) && i.limitPrice === undefined) return `${i.type} needs a limit price`;
  if ((i.type === 'STP' || i.type === 'STP LMT') && i.stopPrice === undefined) return `${i.type} needs a stop price`;
  if (i.type === 'TRAIL' && (i.trailingPercent === undefined) === (i.trailAmount === undefined)) return 'TRAIL needs exactly one of trailingPercent or trailAmount';
  if (i.type === 'TRAIL' && i.trailingPercent !== undefined && i.trailingPercent >= 100) return 'trailingPercent must be under 100';
  if (i.type === 'MKT' && (i.limitPrice !== undefined || i.stopPrice !== undefined)) return 'a market order takes no limit or stop price';
  if (i.type === 'LMT' && i.stopPrice !== undefined) return 'a limit order takes no stop price';
  if (i.tif === 'GTD' && !i.goodTillDate) return 'GTD needs goodTillDate';
  if (i.tif !== 'GTD' && i.goodTillDate) return 'goodTillDate is only for GTD';
  if (i.tif === 'GTD' && i.goodTillDate && goodTillMs(i.goodTillDate) <= c.now) return `goodTillDate ${i.goodTillDate} ET has already passed`;
  if (i.bracket && i.type === 'TRAIL') return 'a bracket entry cannot be a trailing stop';
  return undefined;
}

const outsideRth: Check = (i, c) => {
  if (c.phase === 'regular') return undefined;
  if (c.phase === 'closed') return 'the market is closed';
  if (!LIMIT_TYPES.has(i.type) || !i.outsideRth) return `outside regular hours (${c.phase}) only limit orders with outsideRth`;
  return undefined;
};

const quantity: Check = (i, _c, l) => {
  if (!Number.isInteger(i.quantity)) return `quantity ${i.quantity} is not a whole number of shares`;
  if (i.quantity > l.maxShares) return `quantity ${fmt(i.quantity)} exceeds max shares ${fmt(l.maxShares)}`;
  return undefined;
};

function tickSize(i: OrderIntent, c: RiskContext): string | undefined {
  const prices: Array<[string, number | undefined]> = [
    ['limit', i.limitPrice], ['stop', i.stopPrice], ['trail amount', i.trailAmount], ['bracket stop', i.bracket?.stopPrice], ['bracket target', i.bracket?.targetPrice],
  ];
  for (const [name, p] of prices) if (p !== undefined && !onTickGrid(p, c.minTick)) return `${name} price ${p} is off the tick grid`;
  return undefined;
}

function priceSide(i: OrderIntent, c: RiskContext): string | undefined {
  const buy = i.side === 'BUY';
  if (i.type === 'STP LMT' && i.limitPrice !== undefined && i.stopPrice !== undefined) {
    if (buy ? i.limitPrice < i.stopPrice : i.limitPrice > i.stopPrice) return `a ${i.side} stop-limit needs its limit ${buy ? 'at or above' : 'at or below'} the stop`;
  }
  const q = c.quote;
  if (!q || i.stopPrice === undefined || (i.type !== 'STP' && i.type !== 'STP LMT')) return undefined;
  if (buy ? i.stopPrice <= q.ask : i.stopPrice >= q.bid) return `a ${i.side} stop must be ${buy ? 'above the ask' : 'below the bid'} (it would trigger at once)`;
  return undefined;
}

const bracket: Check = (i, _c, _l, f) => {
  if (!i.bracket) return undefined;
  const entry = f.refPrice;
  if (entry === undefined) return 'the bracket entry has no price to measure against';
  const { stopPrice: s, targetPrice: t } = i.bracket;
  const ok = i.side === 'BUY' ? s < entry && entry < t : t < entry && entry < s;
  return ok ? undefined : `bracket must be ${i.side === 'BUY' ? 'stop < entry < target' : 'target < entry < stop'} (stop ${s}, entry ${entry}, target ${t})`;
};

const quote: Check = (i, c, l) => {
  const q = c.quote;
  if (!q || !(q.bid > 0) || !(q.ask > 0)) return `no quote for ${i.symbol}`;
  if (c.now - q.ts > l.maxQuoteAgeMs) return `the ${i.symbol} quote is ${Math.round((c.now - q.ts) / 1000)} s old`;
  if (q.bid > q.ask) return `the ${i.symbol} quote is crossed (${q.bid} > ${q.ask})`;
  if (q.halted) return `${i.symbol} is halted`;
  return undefined;
};

const priceBand: Check = (i, c, l) => {
  const q = c.quote!;
  const mid = (q.bid + q.ask) / 2;
  const band = (mid * l.priceBandPct) / 100;
  for (const [name, p] of [['limit', i.limitPrice], ['stop', i.stopPrice]] as const) {
    if (p !== undefined && Math.abs(p - mid) > band) return `${name} ${p} is more than ${l.priceBandPct}% from the NBBO mid ${fmt(mid)}`;
  }
  return undefined;
};

const notional: Check = (i, _c, l, f) => {
  const n = i.quantity * (f.refPrice ?? 0);
  return n > l.maxNotional ? `notional $${fmt(n)} exceeds max $${fmt(l.maxNotional)} per order` : undefined;
};

const position: Check = (i, c, l) => {
  const p = positionOf(c, i.symbol);
  const projected = i.side === 'BUY' ? p + workingShares(c, i.symbol, 'BUY') + i.quantity : -(p - workingShares(c, i.symbol, 'SELL') - i.quantity);
  return projected > l.maxPositionShares ? `${i.symbol} position would reach ${fmt(projected)} shares ${i.side === 'BUY' ? 'long' : 'short'} (max ${fmt(l.maxPositionShares)}, working orders counted)` : undefined;
};

const gross: Check = (i, c, l, f) => {
  if (f.reducing) return undefined;
  const g = grossExposure(c) + i.quantity * (f.refPrice ?? 0);
  return g > l.maxGrossExposure ? `gross exposure would reach $${fmt(g)} (max $${fmt(l.maxGrossExposure)})` : undefined;
};

const shortable: Check = (i, c) => {
  const short = shortShares(i, c);
  if (short === 0) return undefined;
  const available = c.quote?.shortableShares;
  if (available === undefined) return `selling ${fmt(short)} ${i.symbol} short but IB has not reported shares to borrow`;
  return available < short ? `selling ${fmt(short)} ${i.symbol} short but only ${fmt(available)} shares to borrow` : undefined;
};

const openOrders: Check = (i, c, l) => {
  const after = c.working.length + messageCount(i);
  return after > l.maxOpenOrders ? `${after} open orders would exceed the max ${l.maxOpenOrders}` : undefined;
};

const perSide: Check = (i, c, l) => {
  const added = addedPerSide(i);
  for (const side of ['BUY', 'SELL'] as const) {
    if (added[side] === 0) continue;
    const n = c.working.filter((w) => w.symbol === i.symbol && w.side === side).length + added[side];
    if (n > l.maxOrdersPerContractSide) return `${n} ${side} orders on ${i.symbol} would exceed ${l.maxOrdersPerContractSide} per contract and side`;
  }
  return undefined;
};

const perDay: Check = (_i, c, l) => (c.ordersToday + 1 > l.maxOrdersPerDay ? `${l.maxOrdersPerDay} orders today already (max per day)` : undefined);

const tradesPerDay: Check = (_i, c, l, f) =>
  !f.reducing && c.tradesToday >= l.maxTradesPerDay ? `${c.tradesToday} trades today: the max ${l.maxTradesPerDay} is reached, only reducing orders` : undefined;

const dailyLoss: Check = (_i, c, l, f) => {
  if (f.reducing) return undefined;
  if (c.dailyPnl === undefined) return "IB has not reported today's P&L yet";
  return c.dailyPnl <= -l.maxDailyLoss ? `today's P&L ${fmt(c.dailyPnl)} reached the daily loss limit −${fmt(l.maxDailyLoss)}` : undefined;
};

const submitRate: Check = (i, c, l) => {
  const recent = c.recentSubmits.filter((t) => t > c.now - 1000).length;
  return recent + messageCount(i) > l.maxSubmitsPerSec ? `more than ${l.maxSubmitsPerSec} order messages in one second` : undefined;
};

const CHECKS: ReadonlyArray<readonly [RiskRule, Check]> = [
  ['state', state], ['duplicate-intent', duplicate], ['order-type', orderType], ['outside-rth', outsideRth], ['quantity', quantity],
  ['tick-size', tickSize], ['price-side', priceSide], ['bracket', bracket], ['quote', quote], ['price-band', priceBand],
  ['notional', notional], ['position', position], ['gross-exposure', gross], ['shortable', shortable], ['open-orders', openOrders],
  ['orders-per-side', perSide], ['orders-per-day', perDay], ['trades-per-day', tradesPerDay], ['daily-loss', dailyLoss], ['submit-rate', submitRate],
];

/** The price an entry is valued at; a market order at its collar (so notional is the worst case). */
export function referencePrice(i: OrderIntent, c: RiskContext, l: RiskLimits): number | undefined {
  if (i.type === 'LMT' || i.type === 'STP LMT') return i.limitPrice;
  if (i.type === 'STP') return i.stopPrice;
  const q = c.quote;
  if (!q || !(q.bid > 0) || !(q.ask > 0)) return i.stopPrice;
  return i.type === 'MKT' ? collarPrice(i.side, q.bid, q.ask, l.marketCollarPct, c.minTick) : i.side === 'BUY' ? q.ask : q.bid;
}

export function checkIntent(intent: OrderIntent, context: RiskContext, limits: RiskLimits): RiskDecision {
  const facts: Facts = { reducing: isReducing(intent, context), refPrice: referencePrice(intent, context, limits) };
  for (const [rule, check] of CHECKS) {
    const message = check(intent, context, limits, facts);
    if (message !== undefined) return { ok: false, rule, message: `${rule}: ${message}` };
  }
  return { ok: true };
}
