import { EventEmitter } from 'node:events';
import { EventName, type IBApi } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { IbLink } from '../../../src-main/broker/ib-link';
import { StreamService } from '../../../src-main/broker/ib-streams';
import type { DepthOwner } from '../../../src-main/broker/port';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { ManualScheduler } from './manual-scheduler';

const inst = (symbol: string, conId: number): Instrument => ({ symbol, conId, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 });

function rig() {
  const clock = new ManualClock(1_000_000);
  const scheduler = new ManualScheduler(clock);
  const calls: Array<[string, ...unknown[]]> = [];
  const api = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => void calls.push([String(name), ...args]) }) as IBApi;
  let id = 0;
  const link: IbLink = { send: (fn) => fn(api), isUp: () => true, now: () => clock.now(), nextReqId: () => ++id, log: createLogger('reissue-test') };
  const streams = new StreamService(link, scheduler);
  const events = new EventEmitter();
  streams.attach(events as unknown as IBApi);
  const named = (name: string) => calls.filter((c) => c[0] === name).map((c) => c[1]);
  return { clock, streams, events, named };
}

const owner = (): DepthOwner & { deltas: number } => ({ deltas: 0, onDelta() { this.deltas++; } });

describe('streams after an error 100', () => {
  it('asks again, under a fresh reqId, for every recent stream that has heard nothing, and cancels the old request', () => {
    const r = rig();
    const a = owner();
    const b = owner();
    r.streams.depth(inst('AAA', 1), { rows: 10, smart: true }, a);
    r.streams.depth(inst('BBB', 2), { rows: 10, smart: true }, b);
    expect(r.named('reqMktDepth')).toEqual([1, 2]);
    r.events.emit(EventName.updateMktDepthL2, 1, 0, 'NSDQ', 0, 1, 10.01, 100, true); // AAA's book arrived
    expect(a.deltas).toBe(1);
    expect(r.streams.reissueSilent(r.clock.now())).toBe(1);
    expect(r.named('cancelMktDepth')).toEqual([2]);
    expect(r.named('reqMktDepth')).toEqual([1, 2, 3]);
    // The fresh request serves BBB; a late row for the old id is dropped.
    r.events.emit(EventName.updateMktDepthL2, 2, 0, 'NSDQ', 0, 1, 20.01, 100, true);
    r.events.emit(EventName.updateMktDepthL2, 3, 0, 'NSDQ', 0, 1, 20.01, 100, true);
    expect(b.deltas).toBe(1);
  });

  it('leaves alone a stream requested long before (its silence is not the dropped request)', () => {
    const r = rig();
    r.streams.depth(inst('AAA', 1), { rows: 10, smart: true }, owner());
    r.clock.set(r.clock.now() + 60_000);
    expect(r.streams.reissueSilent(r.clock.now())).toBe(0);
    expect(r.named('reqMktDepth')).toEqual([1]);
  });
});
