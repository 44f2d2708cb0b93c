import { EventEmitter } from 'node:events';
import { EventName, SecType, type IBApi } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { ContractLookups } from '../../../src-main/broker/contract-lookups';
import type { IbLink } from '../../../src-main/broker/ib-link';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { ManualScheduler } from './manual-scheduler';

/** A link whose "gateway" is the test: each reqContractDetails is recorded, answered only when told. */
function setup() {
  const clock = new ManualClock(0);
  const scheduler = new ManualScheduler(clock);
  const api = new EventEmitter();
  const asked: number[] = [];
  let next = 100;
  const fakeApi = { reqContractDetails: (reqId: number) => asked.push(reqId) } as unknown as IBApi;
  const link: IbLink = { send: (fn) => fn(fakeApi), isUp: () => true, now: () => clock.now(), nextReqId: () => next++, log: createLogger('test') };
  const lookups = new ContractLookups(link, scheduler, 10_000);
  lookups.attach(api as unknown as IBApi);
  const answer = (reqId: number) => {
    api.emit(EventName.contractDetails, reqId, { contract: { symbol: 'WUN', conId: 7, secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, minTick: 0.01 });
    api.emit(EventName.contractDetailsEnd, reqId);
  };
  return { scheduler, asked, lookups, answer };
}

describe('contract lookups', () => {
  it('asks once more under a fresh reqId when IB never answers (a request dropped by error 100), then succeeds', async () => {
    const { scheduler, asked, lookups, answer } = setup();
    const p = lookups.resolve('WUN');
    expect(asked).toEqual([100]);
    scheduler.advance(10_000);
    expect(asked).toEqual([100, 101]);
    answer(100); // a late answer to the first ask is no longer ours
    answer(101);
    const r = await p;
    expect(r.ok && r.value.conId).toBe(7);
    expect(lookups.inFlight).toBe(0);
  });

  it('fails with a clear message after the second unanswered ask, and leaves no timer behind', async () => {
    const { scheduler, asked, lookups } = setup();
    const p = lookups.resolve('WUN');
    scheduler.advance(20_000);
    const r = await p;
    expect(asked).toHaveLength(2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('IB did not answer the lookup of WUN.');
    expect(scheduler.pending()).toBe(0);
  });
});
