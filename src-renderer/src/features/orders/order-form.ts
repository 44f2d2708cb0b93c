import type { OrderIntent, OrderType, Side, Tif } from '../../../../src-shared/domain/risk/intent';
import { etDate, etMsOfDay, etToEpoch } from '../../../../src-shared/domain/et-time';

/** What the order panel edits; strings as typed, turned into an intent only on submit. */
export interface OrderForm {
  symbol: string;
  side: Side;
  sizing: 'shares' | 'risk';
  quantity: string;
  /** Dollars at risk when sizing by risk: shares = risk ÷ stop distance. */
  riskDollars: string;
  type: OrderType;
  limitPrice: string;
  stopPrice: string;
  trailAmount: string;
  bracket: boolean;
  /** Distances from the entry price in dollars. */
  stopOffset: string;
  targetOffset: string;
  tif: Tif;
  /** GTD only: the ET wall time as a datetime-local field gives it, "YYYY-MM-DDTHH:MM". */
  goodTill: string;
  outsideRth: boolean;
}

export const DEFAULT_FORM: OrderForm = {
  symbol: '', side: 'BUY', sizing: 'shares', quantity: '100', riskDollars: '50', type: 'LMT', limitPrice: '', stopPrice: '',
  trailAmount: '0.10', bracket: false, stopOffset: '0.20', targetOffset: '0.40', tif: 'DAY', goodTill: '', outsideRth: true,
};

export type FormResult = { ok: true; intent: OrderIntent } | { ok: false; message: string };

const num = (s: string): number | undefined => {
  const t = s.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
};
/** Rounds to the cent (or 1/10000 under $1) so offsets do not leave float noise the tick rule refuses. */
export const roundPrice = (p: number): number => (p < 1 ? Math.round(p * 10_000) / 10_000 : Math.round(p * 100) / 100);

/** Shares for a dollar risk over a stop distance; 0 when the distance is not positive. */
export function riskSize(riskDollars: number, stopDistance: number): number {
  if (!(riskDollars > 0) || !(stopDistance > 0)) return 0;
  return Math.floor(riskDollars / stopDistance + 1e-9);
}

/** The price the entry is valued at: its limit, else its stop, else the touch it would take (market). */
export function entryPrice(f: OrderForm, inside: { bid: number; ask: number } | null): number | undefined {
  if (f.type === 'LMT' || f.type === 'STP LMT') return num(f.limitPrice);
  if (f.type === 'STP') return num(f.stopPrice);
  if (!inside) return undefined;
  return f.side === 'BUY' ? inside.ask : inside.bid;
}

/** The protective stop distance used by risk sizing: the bracket's stop offset, else entry to stop price. */
function stopDistance(f: OrderForm, entry: number | undefined): number | undefined {
  if (f.bracket) return num(f.stopOffset);
  const stop = num(f.stopPrice);
  return entry !== undefined && stop !== undefined ? Math.abs(entry - stop) : undefined;
}

export function formQuantity(f: OrderForm, inside: { bid: number; ask: number } | null): number | undefined {
  if (f.sizing === 'shares') return num(f.quantity);
  const d = stopDistance(f, entryPrice(f, inside));
  const risk = num(f.riskDollars);
  return d === undefined || risk === undefined ? undefined : riskSize(risk, d);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A "YYYY-MM-DDTHH:MM[:SS]" ET wall time → its instant and IB's "YYYYMMDD HH:MM:SS"; undefined if malformed. */
export function parseGoodTill(local: string): { ib: string; at: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  // Date.UTC rolls 31 February over to March: refuse what does not round-trip.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  return { ib: `${m[1]}${m[2]}${m[3]} ${m[4]}:${m[5]}:${pad(se)}`, at: etToEpoch(date, h, mi, se) };
}

/** The ET wall time `minutes` after `now` (rounded up to 5 minutes), as the GTD field shows it. */
export function defaultGoodTill(now: number, minutes = 60): string {
  const at = Math.ceil((now + minutes * 60_000) / 300_000) * 300_000;
  const m = Math.floor(etMsOfDay(at) / 60_000);
  return `${etDate(at)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** Builds the intent the panel sends; the main process still checks every rule. `now` is main's clock (GTD). */
export function buildIntent(f: OrderForm, intentId: string, inside: { bid: number; ask: number } | null, now = Date.now()): FormResult {
  const symbol = f.symbol.trim().toUpperCase();
  if (!symbol) return { ok: false, message: 'symbol: enter a symbol' };
  const quantity = formQuantity(f, inside);
  if (quantity === undefined || !(quantity > 0)) {
    return { ok: false, message: f.sizing === 'risk' ? 'size: risk $ and a stop distance give no whole share' : 'quantity: enter a positive number of shares' };
  }
  const intent: OrderIntent = { intentId, symbol, side: f.side, quantity, type: f.type, tif: f.tif };
  if (f.type === 'LMT' || f.type === 'STP LMT') intent.limitPrice = num(f.limitPrice);
  if (f.type === 'STP' || f.type === 'STP LMT') intent.stopPrice = num(f.stopPrice);
  if (f.type === 'TRAIL') intent.trailAmount = num(f.trailAmount);
  if ((f.type === 'LMT' || f.type === 'STP LMT') && intent.limitPrice === undefined) return { ok: false, message: 'price: a limit order needs a limit price' };
  if ((f.type === 'STP' || f.type === 'STP LMT') && intent.stopPrice === undefined) return { ok: false, message: 'price: a stop order needs a stop price' };
  if (f.tif === 'GTD') {
    const gtd = parseGoodTill(f.goodTill);
    if (!gtd) return { ok: false, message: 'good till: enter a date and time (ET)' };
    if (gtd.at <= now) return { ok: false, message: `good till: ${f.goodTill.replace('T', ' ')} ET has already passed` };
    intent.goodTillDate = gtd.ib;
  }
  if (f.outsideRth) intent.outsideRth = true;
  if (f.bracket) {
    const entry = entryPrice(f, inside);
    const so = num(f.stopOffset);
    const to = num(f.targetOffset);
    if (entry === undefined || so === undefined || to === undefined || !(so > 0) || !(to > 0)) {
      return { ok: false, message: 'bracket: needs an entry price and positive stop and target offsets' };
    }
    const dir = f.side === 'BUY' ? 1 : -1;
    intent.bracket = { stopPrice: roundPrice(entry - dir * so), targetPrice: roundPrice(entry + dir * to) };
  }
  return { ok: true, intent };
}

let seq = 0;
/** A client intent id: unique per click, so a retried call never sends a second order. */
export function newIntentId(prefix: string, now = Date.now()): string {
  seq = (seq + 1) % 1_000_000;
  return `${prefix}-${now.toString(36)}-${seq.toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
