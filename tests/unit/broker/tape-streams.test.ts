import type { IBApi } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import type { QuoteTick, TradeTick } from '../../../src-shared/domain/depth';
import type { Instrument } from '../../../src-shared/domain/instrument';
import { mapIbError } from '../../../src-main/broker/error-map';
import type { IbLink } from '../../../src-main/broker/ib-link';
import type { TapeOwner, TapeSource } from '../../../src-main/broker/port';
import { SubscriptionRegistry } from '../../../src-main/broker/subscription-registry';
import type { TapeLineOwner } from '../../../src-main/broker/tape-line';
import { TapeStreams } from '../../../src-main/broker/tape-streams';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { ManualScheduler } from './manual-scheduler';

const inst = (symbol: string, conId: number): Instrument => ({ symbol, conId, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 });
const AAA = inst('AAA', 1);
const BBB = inst('BBB', 2);
const CCC = inst('CCC', 3);
const DDD = inst('DDD', 4);

class Owner implements TapeOwner {
  trades: TradeTick[] = [];
  quotes: QuoteTick[] = [];
  sources: Array<[TapeSource, string]> = [];
  errors: number[] = [];
  onTrade(t: TradeTick) { this.trades.push(t); }
  onQuote(q: QuoteTick) { this.quotes.push(q); }
  onSource(s: TapeSource, r: string) { this.sources.push([s, r]); }
  onError(e: { ibCode?: number }) { this.errors.push(e.ibCode ?? -1); }
}

function rig() {
  const clock = new ManualClock(0);
  const scheduler = new ManualScheduler(clock);
  const calls: Array<[string, ...unknown[]]> = [];
  const api = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => void calls.push([String(name), ...args]) }) as IBApi;
  let id = 0;
  const link: IbLink = { send: (fn) => fn(api), isUp: () => true, now: () => clock.now(), nextReqId: () => ++id, log: createLogger('tape-test') };
  const registry = new SubscriptionRegistry(() => link.nextReqId(), scheduler);
  const tapes = new TapeStreams(link, registry);
  const refuse = (reqId: number) => tapes.handleError(registry.live(reqId)!, reqId, mapIbError(10190, 'Max number of tick-by-tick requests has been reached.'));
  const named = (name: string) => calls.filter((c) => c[0] === name);
  const line = (reqId: number) => registry.live(reqId)!.owner as TapeLineOwner;
  return { clock, scheduler, registry, tapes, calls, named, refuse, line };
}

describe('TapeStreams: past the tick-by-tick cap', () => {
  it('a 10190 moves the tape to one RT_VOLUME line per instrument, and later tapes go there directly', () => {
    const r = rig();
    const owners = [AAA, BBB, CCC].map((i) => [i, new Owner(), new Owner()] as const);
    for (const [i, last, bidask] of owners) {
      r.tapes.subscribe(i, 'AllLast', last);
      r.tapes.subscribe(i, 'BidAsk', bidask);
    }
    expect(r.named('reqTickByTickData').map((c) => c[1])).toEqual([1, 2, 3, 4, 5, 6]);
    for (const id of [3, 4, 5, 6]) r.refuse(id); // IB allows 2
    expect(r.tapes.limit).toBe(2);
    const lines = r.named('reqMktData');
    expect(lines.map((c) => [c[1], (c[2] as { symbol: string }).symbol, c[3]])).toEqual([[7, 'BBB', '233'], [8, 'CCC', '233']]);
    expect(owners[0][1].sources).toEqual([]);
    for (const [, last, bidask] of owners.slice(1)) {
      expect(last.sources).toEqual([['rt-volume', "IB's tick-by-tick limit (2) reached"]]);
      expect(bidask.sources).toEqual(last.sources);
    }
    expect(r.tapes.sources()).toEqual({ tickByTick: 2, rtVolume: 4, lines: 2 });

    const late = new Owner();
    r.tapes.subscribe(DDD, 'AllLast', late);
    expect(r.named('reqTickByTickData')).toHaveLength(6); // no request IB would refuse
    expect(late.sources).toEqual([['rt-volume', "IB's tick-by-tick limit (2) reached"]]);
    expect(r.named('reqMktData')).toHaveLength(3);
  });

  it('the line feeds RT_VOLUME prints to the trade tape and coalesced bid/ask to the quote tape', async () => {
    const r = rig();
    const last = new Owner();
    const bidask = new Owner();
    r.tapes.subscribe(AAA, 'AllLast', last);
    r.tapes.subscribe(AAA, 'BidAsk', bidask);
    r.refuse(1);
    r.refuse(2);
    const line = r.line(3);
    r.clock.set(1_000);
    line.onTickString(48, '10.05;200;900;5000;10.01;true');
    line.onTickString(48, ';0;950;5000;10.01;false'); // volume-only
    line.onTickString(45, '1718978400');
    expect(last.trades).toEqual([{ tsEvent: 900, tsRecv: 1_000, price: 10.05, size: 200, exchange: '', conditions: '' }]);
    expect(bidask.trades).toEqual([]);
    line.onTickPrice(1, 10.04);
    line.onTickPrice(2, 10.06);
    line.onTickSize(0, 300);
    line.onTickSize(3, 400);
    await Promise.resolve();
    expect(bidask.quotes).toEqual([{ tsEvent: 1_000, tsRecv: 1_000, bidPrice: 10.04, askPrice: 10.06, bidSize: 300, askSize: 400 }]);
    expect(last.quotes).toEqual([]);
  });

  it('a freed tick-by-tick slot upgrades the oldest fallback tape, after the 15 s rule, without a gap', () => {
    const r = rig();
    const a = new Owner();
    const b = new Owner();
    const subA = r.tapes.subscribe(AAA, 'AllLast', a);
    r.tapes.subscribe(BBB, 'AllLast', b);
    r.refuse(2); // limit 1
    expect(r.tapes.limit).toBe(1);
    r.clock.set(5_000);
    subA.dispose();
    expect(r.named('cancelTickByTickData').map((c) => c[1])).toEqual([1]);
    expect(r.named('reqTickByTickData')).toHaveLength(2); // BBB AllLast was asked at t=0: wait
    expect(b.sources).toHaveLength(1);
    r.line(3).onTickString(48, '20;1;4000;1;20;true');
    expect(b.trades).toHaveLength(1); // still served by the line meanwhile
    r.scheduler.advance(10_249);
    expect(r.named('reqTickByTickData')).toHaveLength(2);
    r.scheduler.advance(1);
    expect(r.named('reqTickByTickData').map((c) => c[1])).toEqual([1, 2, 4]);
    expect(b.sources.at(-1)).toEqual(['tick-by-tick', 'a tick-by-tick slot is free again']);
    expect(r.named('cancelMktData').map((c) => c[1])).toEqual([3]);
    expect(r.tapes.sources()).toEqual({ tickByTick: 1, rtVolume: 0, lines: 0 });
  });

  it('a quick dispose and resubscribe of the same tape waits out IB\'s 15 s rule', () => {
    const r = rig();
    r.tapes.subscribe(AAA, 'AllLast', new Owner()).dispose();
    r.clock.set(3_000);
    const sub = r.tapes.subscribe(AAA, 'AllLast', new Owner());
    r.tapes.subscribe(AAA, 'BidAsk', new Owner()); // another tick type: not held back
    expect(r.named('reqTickByTickData').map((c) => [c[1], c[3]])).toEqual([[1, 'AllLast'], [3, 'BidAsk']]);
    r.scheduler.advance(12_250);
    expect(r.named('reqTickByTickData').map((c) => c[1])).toEqual([1, 3, 2]);
    expect(sub.reqId).toBe(2);
  });

  it('a refused upgrade goes back to RT_VOLUME without walking every other fallback tape', () => {
    const r = rig();
    const owners = [new Owner(), new Owner(), new Owner()];
    const subA = r.tapes.subscribe(AAA, 'AllLast', owners[0]);
    r.tapes.subscribe(BBB, 'AllLast', owners[1]);
    r.tapes.subscribe(CCC, 'AllLast', owners[2]);
    r.refuse(2);
    r.refuse(3);
    r.clock.set(60_000);
    subA.dispose();
    const upgrade = r.named('reqTickByTickData').at(-1)![1] as number;
    r.refuse(upgrade); // e.g. another app took the slot
    expect(r.named('reqTickByTickData')).toHaveLength(4);
    expect(owners[1].sources.map((s) => s[0])).toEqual(['rt-volume', 'tick-by-tick', 'rt-volume']);
    expect(r.tapes.limit).toBe(0);
    expect(r.tapes.sources()).toEqual({ tickByTick: 0, rtVolume: 2, lines: 2 });
  });

  it('other errors end the tape and tell its owner', () => {
    const r = rig();
    const o = new Owner();
    r.tapes.subscribe(AAA, 'AllLast', o);
    r.tapes.handleError(r.registry.live(1)!, 1, mapIbError(354, 'no subscription', { symbol: 'AAA' }));
    expect(o.errors).toEqual([354]);
    expect(r.registry.size).toBe(0);
    expect(r.tapes.sources()).toEqual({ tickByTick: 0, rtVolume: 0, lines: 0 });
  });
});
