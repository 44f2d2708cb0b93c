import { EventName, IBApi, SecType, BarSizeSetting, WhatToShow } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { installFastDecoderQueue, TokenQueue } from '../../../src-main/broker/decoder-queue';
import { startSimulator, type Simulator } from '../../../src-main/sim';
import { createSimMarket } from '../../../src-main/sim/market';
import { etToEpoch } from '../../../src-shared/domain/market-time';

describe('TokenQueue', () => {
  it('behaves like the array the Decoder expects', () => {
    const q = new TokenQueue();
    q.push(undefined);
    const same = q.concat(['a', 'b']);
    expect(same).toBe(q);
    q.push(undefined);
    expect(q.length).toBe(4);
    expect(q[0]).toBeUndefined();
    expect(q.shift()).toBeUndefined();
    expect(q[0]).toBe('a');
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual(['a', 'b', undefined, undefined]);
    expect(q.length).toBe(0);
    const big = Array.from({ length: 20_000 }, (_, i) => String(i));
    q.concat(big);
    for (let i = 0; i < 20_000; i++) expect(q.shift()).toBe(String(i));
    expect(q.length).toBe(0);
  });
});

describe('@stoqey/ib with the fast decoder queue', () => {
  let sim: Simulator | undefined;
  let api: IBApi | undefined;
  afterEach(async () => {
    api?.disconnect();
    await sim?.close();
  });

  it('installs into the real IBApi and decodes a 20-day 1-minute history exactly', async () => {
    const market = createSimMarket({ seed: 3, speed: 1, startTime: etToEpoch('2026-03-10', 12, 0) });
    sim = await startSimulator({ port: 0, market });
    api = new IBApi({ host: '127.0.0.1', port: sim.port });
    expect(installFastDecoderQueue(api)).toBe(true);
    const bars: Array<{ time: string; volume?: number }> = [];
    const done = new Promise<void>((resolve, reject) => {
      api!.on(EventName.historicalData, (_id: number, time: string, _o: number, _h: number, _l: number, _c: number, volume: number) => {
        if (time.startsWith('finished')) resolve();
        else bars.push({ time, volume });
      });
      api!.on(EventName.error, (e: Error, code: number) => reject(new Error(`${code} ${e.message}`)));
    });
    api.on(EventName.nextValidId, () => {
      api!.reqHistoricalData(1, { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '', '20 D', BarSizeSetting.MINUTES_ONE, WhatToShow.TRADES, 0, 2, false);
    });
    api.connect(5);
    await done;
    // 20 sessions of 04:00-20:00 ET minute bars (today's partial day included).
    expect(bars.length).toBeGreaterThan(19 * 960);
    expect(new Set(bars.map((b) => b.time)).size).toBe(bars.length);
  });
});
