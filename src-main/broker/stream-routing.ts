/**
 * IB stream callbacks → owners. Messages for retired or unknown reqIds are dropped here, which is what
 * keeps a resubscribed stream free of duplicates from its previous request.
 */
import { EventName, type IBApi } from '@stoqey/ib';
import type { Instrument } from '../../src-shared/domain/instrument';
import {
  quoteFromGeneric, quoteFromPrice, quoteFromSize, quoteFromString, toDelta, toInstrument, toQuoteTick, toRealtimeBar, toTradeTick,
  type IbContractDetails,
} from './parse';
import type { BarOwner, DepthOwner, QuoteOwner, QuoteSnapshot, ScannerOwner, TapeOwner } from './port';
import type { StreamKind, SubscriptionRegistry } from './subscription-registry';
import type { TapeLineOwner } from './tape-line';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- IBApi's overloads take any listener shape
type Listener = (...args: any[]) => void;

export function attachStreamRouting(api: IBApi, registry: SubscriptionRegistry, now: () => number): () => void {
  const owner = <T>(reqId: number, kind: StreamKind): T | undefined => {
    const e = registry.heardFrom(reqId);
    return e && e.kind === kind ? (e.owner as T) : undefined;
  };
  const quote = (reqId: number, part: Partial<QuoteSnapshot> | undefined) => {
    if (part) owner<QuoteOwner>(reqId, 'quotes')?.onQuote(part);
  };
  /** A fallback tape's market-data line (RT_VOLUME); its ticks are not a QuoteSnapshot. */
  const line = (reqId: number) => owner<TapeLineOwner>(reqId, 'tapeline');
  const depth = (reqId: number, pos: number, mm: string, op: number, side: number, price: number, size: number, smart: boolean) => {
    const o = owner<DepthOwner>(reqId, 'depth');
    const delta = o && toDelta(now(), pos, op, side, price, size, mm, smart);
    if (o && delta) o.onDelta(delta);
  };
  const scans = new Map<number, Array<{ rank: number; instrument: Instrument }>>();

  const listeners: Array<[EventName, Listener]> = [
    [EventName.tickPrice, ((id: number, t: number, v: number) => {
      const l = line(id);
      if (l) l.onTickPrice(t, v);
      else quote(id, quoteFromPrice(t, v));
    }) as Listener],
    [EventName.tickSize, ((id: number, t: number | undefined, v: number | undefined) => {
      const l = line(id);
      if (l) l.onTickSize(t, v);
      else quote(id, quoteFromSize(t, v));
    }) as Listener],
    [EventName.tickString, ((id: number, t: number, v: string) => {
      const l = line(id);
      if (l) l.onTickString(t, v);
      else quote(id, quoteFromString(t, v));
    }) as Listener],
    [EventName.tickGeneric, ((id: number, t: number, v: number) => quote(id, quoteFromGeneric(t, v))) as Listener],
    [EventName.updateMktDepth, ((id: number, pos: number, op: number, side: number, price: number, size: number) =>
      depth(id, pos, '', op, side, price, size, false)) as Listener],
    [EventName.updateMktDepthL2, ((id: number, pos: number, mm: string, op: number, side: number, price: number, size: number, smart?: boolean) =>
      depth(id, pos, mm, op, side, price, size, !!smart)) as Listener],
    [EventName.tickByTickAllLast, ((id: number, _t: number, time: string, price: number, size: number, _a: unknown, exch: string, cond: string) =>
      owner<TapeOwner>(id, 'tape')?.onTrade?.(toTradeTick(now(), time, price, size, exch, cond))) as Listener],
    [EventName.tickByTickBidAsk, ((id: number, time: number, bid: number, ask: number, bidSize: number, askSize: number) =>
      owner<TapeOwner>(id, 'tape')?.onQuote?.(toQuoteTick(now(), time, bid, ask, bidSize, askSize))) as Listener],
    [EventName.realtimeBar, ((id: number, time: number, o: number, h: number, l: number, c: number, v: number, wap: number, n: number) =>
      owner<BarOwner>(id, 'rtbars')?.onBar(toRealtimeBar(time, o, h, l, c, v, wap, n))) as Listener],
    [EventName.scannerData, ((id: number, rank: number, details: IbContractDetails) => {
      if (!owner<ScannerOwner>(id, 'scanner')) return;
      const instrument = toInstrument(details);
      if (!instrument) return;
      const rows = scans.get(id) ?? [];
      rows.push({ rank, instrument });
      scans.set(id, rows);
    }) as Listener],
    [EventName.scannerDataEnd, ((id: number) => {
      const rows = scans.get(id) ?? [];
      scans.delete(id);
      owner<ScannerOwner>(id, 'scanner')?.onRows(rows.sort((a, b) => a.rank - b.rank));
    }) as Listener],
  ];
  // EventEmitter's base signature: IBApi's typed overloads cannot be picked for a union of names.
  const emitter = api as unknown as { on(n: string, f: Listener): void; off(n: string, f: Listener): void };
  for (const [name, fn] of listeners) emitter.on(name, fn);
  return () => {
    for (const [name, fn] of listeners) emitter.off(name, fn);
    scans.clear();
  };
}
