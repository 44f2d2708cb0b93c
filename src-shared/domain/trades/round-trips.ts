/**
 * Fills → round trips: flat to flat per account and contract. A fill that crosses zero is split into a
 * closing part (ends this trip) and an opening part (starts the next), its commission pro rata by shares.
 */
import { execIdParts } from './execution';
import { type Fill, byTime, effectiveFills, positionKey } from './fill';
import { LotBook } from './lots';
import type { MatchMethod, RoundTrip, TripLeg, TripNote } from './round-trip';

const EPS = 1e-9;

export interface RoundTripOptions {
  /** Default 'fifo' (it matches IB's FIFO realized P&L). */
  method?: MatchMethod;
  /** Tags, notes and stops by trip id. */
  notes?: ReadonlyMap<string, TripNote>;
}

interface Building {
  trip: RoundTrip;
  lots: LotBook;
  position: number; // signed shares
}

export function buildRoundTrips(fills: readonly Fill[], options: RoundTripOptions = {}): RoundTrip[] {
  const method = options.method ?? 'fifo';
  const groups = new Map<string, Fill[]>();
  for (const f of effectiveFills(fills)) {
    const k = positionKey(f);
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const trips: RoundTrip[] = [];
  for (const group of groups.values()) {
    group.sort(byTime);
    let cur: Building | undefined;
    for (const f of group) {
      const signed = f.side === 'BUY' ? f.shares : -f.shares;
      if (!cur) cur = start(f, method);
      if (Math.sign(signed) === Math.sign(cur.position) || Math.abs(cur.position) < EPS) {
        open(cur, f, f.shares, false);
        continue;
      }
      const closing = Math.min(f.shares, Math.abs(cur.position));
      const rest = f.shares - closing;
      close(cur, f, closing, rest > EPS);
      if (Math.abs(cur.position) < EPS) {
        trips.push(finish(cur.trip));
        cur = undefined;
        if (rest > EPS) {
          cur = start(f, method);
          open(cur, f, rest, true);
        }
      }
    }
    if (cur) trips.push(finish(cur.trip));
  }
  trips.sort((a, b) => a.entryTime - b.entryTime || (a.id < b.id ? -1 : 1));
  return options.notes ? trips.map((t) => applyNote(t, options.notes!.get(t.id))) : trips;
}

function start(f: Fill, method: MatchMethod): Building {
  const trip: RoundTrip = {
    id: `${positionKey(f)}|${execIdParts(f.execId).base}`,
    account: f.account, conId: f.conId, symbol: f.symbol, secType: f.secType, multiplier: f.multiplier,
    direction: f.side === 'BUY' ? 'LONG' : 'SHORT', open: true, entryTime: f.time, exitTime: null, holdMs: null,
    legs: [], maxShares: 0, openShares: 0, sharesBought: 0, sharesSold: 0, avgEntry: 0, avgExit: null,
    gross: 0, fees: 0, net: 0, feesPending: false, ibRealizedPnl: null, method,
    tags: [], notes: '', stop: null, r: null, mae: null, mfe: null, excursionSource: null,
  };
  return { trip, lots: new LotBook(method), position: 0 };
}

function legOf(f: Fill, shares: number, opening: boolean, split: boolean): TripLeg {
  const commission = f.commission === null ? null : (f.commission * shares) / f.shares;
  return { execId: f.execId, time: f.time, side: f.side, shares, price: f.price, commission, opening, split, realizedGross: null, realizedNet: null, ibRealizedPnl: null };
}

function open(b: Building, f: Fill, shares: number, split: boolean): void {
  const leg = legOf(f, shares, true, split || shares < f.shares - EPS);
  // A fill IB gave realized P&L for but that only opens (e.g. a position carried in) keeps it on the leg.
  if (!split && f.ibRealizedPnl !== null) leg.ibRealizedPnl = f.ibRealizedPnl;
  b.lots.add({ shares, price: f.price, feePerShare: (leg.commission ?? 0) / shares });
  b.position += f.side === 'BUY' ? shares : -shares;
  b.trip.legs.push(leg);
}

function close(b: Building, f: Fill, shares: number, split: boolean): void {
  const leg = legOf(f, shares, false, split);
  const matched = b.lots.take(shares);
  const dir = b.trip.direction === 'LONG' ? 1 : -1;
  leg.realizedGross = dir * (shares * f.price - matched.cost) * f.multiplier;
  leg.realizedNet = leg.realizedGross - (leg.commission ?? 0) - matched.fees;
  leg.ibRealizedPnl = f.ibRealizedPnl;
  b.position += f.side === 'BUY' ? shares : -shares;
  b.trip.legs.push(leg);
}

/** Totals from the legs. */
function finish(t: RoundTrip): RoundTrip {
  let bought = 0, sold = 0, buyCost = 0, sellProceeds = 0, fees = 0, pending = false, pos = 0, max = 0, realized = 0;
  let ib: number | null = null, entryCost = 0, entryShares = 0, exitValue = 0, exitShares = 0;
  for (const l of t.legs) {
    if (l.side === 'BUY') {
      bought += l.shares;
      buyCost += l.shares * l.price;
    } else {
      sold += l.shares;
      sellProceeds += l.shares * l.price;
    }
    if (l.commission === null) pending = true;
    else fees += l.commission;
    pos += l.side === 'BUY' ? l.shares : -l.shares;
    max = Math.max(max, Math.abs(pos));
    if (l.opening) {
      entryCost += l.shares * l.price;
      entryShares += l.shares;
    } else {
      exitValue += l.shares * l.price;
      exitShares += l.shares;
      realized += l.realizedGross ?? 0;
    }
    if (l.ibRealizedPnl !== null) ib = (ib ?? 0) + l.ibRealizedPnl;
  }
  const open = Math.abs(pos) > EPS;
  const last = t.legs[t.legs.length - 1];
  const gross = open ? realized : (sellProceeds - buyCost) * t.multiplier;
  return {
    ...t, open, sharesBought: bought, sharesSold: sold, maxShares: max, openShares: open ? Math.abs(pos) : 0,
    exitTime: open ? null : last.time, holdMs: open ? null : last.time - t.entryTime,
    avgEntry: entryCost / entryShares, avgExit: exitShares > 0 ? exitValue / exitShares : null,
    gross, fees, net: open ? t.legs.reduce((s, l) => s + (l.realizedNet ?? 0), 0) : gross - fees, feesPending: pending, ibRealizedPnl: ib,
  };
}

/** Tags, notes and the stop from the journal; the R-multiple follows from the stop. */
export function applyNote(t: RoundTrip, note: TripNote | undefined): RoundTrip {
  if (!note) return t;
  const risk = note.stop === null ? 0 : Math.abs(t.avgEntry - note.stop) * t.maxShares * t.multiplier;
  return { ...t, tags: [...note.tags], notes: note.notes, stop: note.stop, r: !t.open && risk > 0 ? t.net / risk : null };
}
