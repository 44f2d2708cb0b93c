/**
 * Futures by their root (ES, NQ, GC, 6E): which IB contract a root names, how to read what the trader
 * types into the symbol box, and the front-month rule. Pure: no IB shapes, no clock (today is passed in).
 */

/** What IB needs to list a root's contracts: its own symbol for the underlying and the exchange. */
export interface FutureRoot {
  /** The root a trader types, which is IB's trading class (6E, not EUR). */
  root: string;
  /** IB's `symbol` for the underlying (EUR for 6E; the same as the root for most). */
  ibSymbol: string;
  exchange: string;
  currency: string;
  name: string;
}

const root = (r: string, exchange: string, name: string, ibSymbol = r): FutureRoot => ({ root: r, ibSymbol, exchange, currency: 'USD', name });

/** Roots the symbol box knows. Another root still resolves when IB knows it (`/ROOT` asks IB by symbol). */
export const FUTURE_ROOTS: Readonly<Record<string, FutureRoot>> = Object.fromEntries(
  [
    root('ES', 'CME', 'E-mini S&P 500'),
    root('MES', 'CME', 'Micro E-mini S&P 500'),
    root('NQ', 'CME', 'E-mini Nasdaq-100'),
    root('MNQ', 'CME', 'Micro E-mini Nasdaq-100'),
    root('RTY', 'CME', 'E-mini Russell 2000'),
    root('YM', 'CBOT', 'E-mini Dow', 'YM'),
    root('ZN', 'CBOT', '10-Year T-Note'),
    root('CL', 'NYMEX', 'Crude Oil'),
    root('NG', 'NYMEX', 'Natural Gas'),
    root('GC', 'COMEX', 'Gold'),
    root('SI', 'COMEX', 'Silver'),
    root('6E', 'CME', 'Euro FX', 'EUR'),
    root('6J', 'CME', 'Japanese Yen', 'JPY'),
    root('6B', 'CME', 'British Pound', 'GBP'),
  ].map((r) => [r.root, r]),
);

/** A root not in the table: IB is asked by symbol on every exchange. */
export function futureRootFor(rootText: string): FutureRoot {
  const r = rootText.trim().toUpperCase();
  return FUTURE_ROOTS[r] ?? { root: r, ibSymbol: r, exchange: '', currency: 'USD', name: r };
}

/** CME month codes, January first. */
export const MONTH_CODES = 'FGHJKMNQUVXZ';

/** The root of a futures local symbol such as ESZ6 or 6EH27, when the root is a known one. */
export function rootOfLocalSymbol(localSymbol: string): string | undefined {
  const m = /^([A-Z0-9]{1,4}?)([FGHJKMNQUVXZ])(\d{1,2})$/.exec(localSymbol.trim().toUpperCase());
  return m && FUTURE_ROOTS[m[1]] ? m[1] : undefined;
}

/** What the symbol box was asked for. */
export type InstrumentQuery = { kind: 'stock'; symbol: string } | { kind: 'future'; root: string } | { kind: 'contract'; localSymbol: string };

const TICKER = /^[A-Z][A-Z0-9. ]{0,11}$/;
const ROOT = /^[A-Z0-9]{1,4}$/;

/**
 * Reads the symbol box: `AAPL` a stock; `/ES` or `ES!` a future's front month; a bare known root
 * (ES, NQ, GC, 6E…) also the future, since that is what a trader typing it means; `$ES` forces the
 * stock of that ticker; `ESZ6` that exact contract. Undefined when it is none of these.
 */
export function parseInstrumentQuery(text: string): InstrumentQuery | undefined {
  const t = text.trim().toUpperCase();
  if (t.startsWith('/') || t.endsWith('!')) {
    const r = t.replace(/^\//, '').replace(/!$/, '');
    return ROOT.test(r) ? { kind: 'future', root: r } : undefined;
  }
  if (t.startsWith('$')) {
    const s = t.slice(1);
    return TICKER.test(s) ? { kind: 'stock', symbol: s } : undefined;
  }
  if (FUTURE_ROOTS[t]) return { kind: 'future', root: t };
  if (rootOfLocalSymbol(t)) return { kind: 'contract', localSymbol: t };
  return TICKER.test(t) ? { kind: 'stock', symbol: t } : undefined;
}

/** A listed contract month as the front-month rule sees it. */
export interface ListedExpiry {
  /** IB's lastTradeDateOrContractMonth: YYYYMMDD (or YYYYMM when only the month is known). */
  lastTrade: string;
}

/** YYYYMMDD of a 'YYYY-MM-DD' date. */
export const compactDate = (ymd: string): string => ymd.replaceAll('-', '');

/**
 * The front month: the listed contract with the nearest last trade date that has not passed (the last
 * trade day itself still counts, as it still trades). `today` is the exchange's date, YYYYMMDD. A
 * month-only entry (YYYYMM) counts until that month is over.
 */
export function pickFrontMonth<T extends ListedExpiry>(listed: readonly T[], today: string): T | undefined {
  const key = (e: T) => (e.lastTrade.length === 6 ? `${e.lastTrade}99` : e.lastTrade);
  return listed
    .filter((e) => /^\d{6}(\d{2})?$/.test(e.lastTrade) && key(e) >= today)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0];
}
