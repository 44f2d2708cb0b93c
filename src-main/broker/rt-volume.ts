/**
 * The fallback tape: IB's RT_VOLUME string (generic tick 233 → tick string 48) becomes a TradeTick, and the
 * bid/ask price and size ticks of the same market-data line become QuoteTicks. Pure.
 */
import type { QuoteTick, TradeTick } from '../../src-shared/domain/depth';

/** Tick string type IB uses for RT_VOLUME ("price;size;ms;totalVol;vwap;singleTrade"). */
export const IB_RT_VOLUME_TICK = 48;

/** One RT_VOLUME update, as IB sends it. */
export interface IbRtVolume {
  price: number;
  size: number;
  /** Epoch ms of the trade. */
  timeMs: number;
  /** Today's volume; NaN when absent. */
  totalVolume: number;
  /** Today's VWAP; NaN when absent. */
  vwap: number;
  /** True when one market maker filled the whole trade. */
  singleTrade: boolean;
}

const num = (s: string | undefined): number => (s === undefined || s.trim() === '' ? NaN : Number(s));

/** Undefined for a volume-only update (empty price), a zero-size print or a malformed string. */
export function parseRtVolume(text: string): IbRtVolume | undefined {
  const f = text.split(';');
  if (f.length < 3) return undefined;
  const price = num(f[0]);
  const size = num(f[1]);
  const timeMs = num(f[2]);
  if (!(price > 0) || !(size > 0) || !Number.isFinite(size) || !(timeMs > 0) || !Number.isFinite(price)) return undefined;
  return {
    price,
    size,
    timeMs: Math.trunc(timeMs),
    totalVolume: num(f[3]),
    vwap: num(f[4]),
    singleTrade: /^(true|1)$/i.test((f[5] ?? '').trim()),
  };
}

/** RT_VOLUME names no exchange and no conditions; TradeTick has no singleTrade field, so the flag stays here. */
export function rtVolumeTrade(v: IbRtVolume, tsRecv: number): TradeTick {
  return { tsEvent: v.timeMs, tsRecv, price: v.price, size: v.size, exchange: '', conditions: '' };
}

/** Live and delayed bid/ask tick types. */
const BID = new Set([1, 66]);
const ASK = new Set([2, 67]);
const BID_SIZE = new Set([0, 69]);
const ASK_SIZE = new Set([3, 70]);

/** Top of book assembled from reqMktData ticks; one QuoteTick per change once both sides are known. */
export class QuoteAssembler {
  private bid = NaN;
  private ask = NaN;
  private bidSize = 0;
  private askSize = 0;

  /** True when the tick changed the quote. */
  price(tickType: number, value: number | undefined): boolean {
    const v = value !== undefined && Number.isFinite(value) && value > 0 ? value : NaN;
    if (BID.has(tickType)) return this.set('bid', v);
    if (ASK.has(tickType)) return this.set('ask', v);
    return false;
  }

  size(tickType: number | undefined, value: number | undefined): boolean {
    if (tickType === undefined || value === undefined || !Number.isFinite(value) || value < 0) return false;
    if (BID_SIZE.has(tickType)) return this.set('bidSize', value);
    if (ASK_SIZE.has(tickType)) return this.set('askSize', value);
    return false;
  }

  /** The current quote; undefined until both prices are known. reqMktData carries no quote time: tsEvent = tsRecv. */
  tick(tsRecv: number): QuoteTick | undefined {
    if (Number.isNaN(this.bid) || Number.isNaN(this.ask)) return undefined;
    return { tsEvent: tsRecv, tsRecv, bidPrice: this.bid, askPrice: this.ask, bidSize: this.bidSize, askSize: this.askSize };
  }

  reset(): void {
    this.bid = this.ask = NaN;
    this.bidSize = this.askSize = 0;
  }

  private set(field: 'bid' | 'ask' | 'bidSize' | 'askSize', v: number): boolean {
    if (Object.is(this[field], v)) return false;
    this[field] = v;
    return true;
  }
}
