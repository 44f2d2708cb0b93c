/**
 * One Flex trade row (XML attributes or CSV columns, any casing) → a ledger entry. Flex names differ by
 * statement: Activity uses ibExecID / ibOrderID / tradePrice / ibCommission; Trade Confirmation uses
 * execID / orderID / price / commission. CSV headers are the same names in PascalCase ("Buy/Sell",
 * "ClientAccountID", "CurrencyPrimary"). Keys are normalised (lower case, letters and digits only).
 */
import { parseExecTime } from '../../../src-shared/domain/trades/exec-time';
import type { LedgerEntry } from '../../storage';

export type FlexRow = Record<string, string>;

export type SkipReason = 'not-execution-level' | 'cancelled' | 'no-exec-id' | 'unreadable';

export interface FlexRowResult {
  entry?: LedgerEntry;
  skipped?: SkipReason;
  /** What was wrong with an unreadable row. */
  problem?: string;
}

export const normKey = (k: string): string => k.toLowerCase().replace(/[^a-z0-9]/g, '');

export function normaliseRow(raw: Record<string, unknown>): FlexRow {
  const out: FlexRow = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'number') out[normKey(k)] = String(v).trim();
  return out;
}

const pick = (r: FlexRow, ...keys: string[]): string => {
  for (const k of keys) if (r[k] !== undefined && r[k] !== '') return r[k];
  return '';
};

function num(text: string): number | null {
  if (text === '') return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function int(text: string): number | null {
  const n = num(text);
  return n !== null && Number.isInteger(n) ? n : null;
}

export interface FlexRowOptions {
  /** The zone the Flex query writes times in (its "Date/Time" setting); default America/New_York. */
  flexZone?: string;
}

/** A row is a trade row when it has the columns an execution needs. */
export function isTradeHeader(keys: readonly string[]): boolean {
  const set = new Set(keys.map(normKey));
  return set.has('symbol') && (set.has('ibexecid') || set.has('execid')) && set.has('quantity');
}

export function rowToEntry(r: FlexRow, options: FlexRowOptions = {}): FlexRowResult {
  const level = pick(r, 'levelofdetail').toUpperCase();
  if (level !== '' && level !== 'EXECUTION') return { skipped: 'not-execution-level' };
  const buySell = pick(r, 'buysell').toUpperCase();
  if (buySell.includes('(CA')) return { skipped: 'cancelled' };
  const execId = pick(r, 'ibexecid', 'execid');
  if (!execId) return { skipped: 'no-exec-id' };
  const qty = num(pick(r, 'quantity'));
  const price = num(pick(r, 'tradeprice', 'price'));
  const time = readTime(r, options);
  const side = buySell.startsWith('B') ? 'BUY' : buySell.startsWith('S') ? 'SELL' : qty !== null && qty < 0 ? 'SELL' : 'BUY';
  const symbol = pick(r, 'symbol');
  if (qty === null || qty === 0 || price === null || price <= 0 || time === undefined || !symbol) {
    return { skipped: 'unreadable', problem: `${execId}: quantity ${pick(r, 'quantity')}, price ${pick(r, 'tradeprice', 'price')}, time ${pick(r, 'datetime')}` };
  }
  const commission = num(pick(r, 'ibcommission', 'commission'));
  const currency = pick(r, 'ibcommissioncurrency', 'commissioncurrency', 'currency', 'currencyprimary') || 'USD';
  const realized = num(pick(r, 'fifopnlrealized'));
  const entry: LedgerEntry = {
    execution: {
      execId, permId: int(pick(r, 'iborderid')), orderId: int(pick(r, 'orderid')), orderRef: pick(r, 'orderreference') || null, clientId: null,
      account: pick(r, 'accountid', 'clientaccountid', 'acctid'), conId: int(pick(r, 'conid')), symbol, secType: pick(r, 'assetcategory', 'assetclass') || 'STK',
      side, shares: Math.abs(qty), price, multiplier: num(pick(r, 'multiplier')) || 1, time, exchange: pick(r, 'exchange') || null,
    },
    tradeId: pick(r, 'tradeid') || null,
  };
  // Flex writes a charge as a negative number; the ledger keeps charges positive.
  if (commission !== null) entry.commission = { execId, commission: commission === 0 ? 0 : -commission, currency, realizedPnl: realized };
  return { entry };
}

function readTime(r: FlexRow, options: FlexRowOptions): number | undefined {
  const zones = { accountZone: options.flexZone ?? 'America/New_York', flexZone: options.flexZone };
  const dt = pick(r, 'datetime');
  if (dt) return parseExecTime(dt, zones);
  const date = pick(r, 'tradedate');
  const t = pick(r, 'tradetime');
  return date && t ? parseExecTime(`${date};${t}`, zones) : undefined;
}
