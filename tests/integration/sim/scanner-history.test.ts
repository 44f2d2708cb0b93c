import { afterEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, type WhatToShow, EventName, Instrument, LocationCode, ScanCode, Stock } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
let c: IbTestClient | undefined;
afterEach(async () => {
  c?.disconnect();
  c = undefined;
  await t?.close();
});

const scan = (code: ScanCode, rows = 10) => ({ scanCode: code, locationCode: LocationCode.STK_US_MAJOR, instrument: Instrument.STK, numberOfRows: rows });

describe('scanner', () => {
  it('parameters are XML with the served scan codes', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqScannerParameters();
    await c.waitFor(() => c!.of(EventName.scannerParameters).length, 'xml');
    const xml = String(c.of(EventName.scannerParameters)[0][0]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    for (const tag of ['<ScanParameterResponse>', '<InstrumentList', '<LocationTree', '<ScanTypeList', '<FilterList', '<scanCode>TOP_PERC_GAIN</scanCode>', '<scanCode>HOT_BY_VOLUME</scanCode>', '<locationCode>STK.US.MAJOR</locationCode>']) {
      expect(xml).toContain(tag);
    }
  });

  it('subscription sends a ranked snapshot (0-based ranks), refreshes it, filters, and stops on cancel', async () => {
    t = await startTestSim({ tuning: { scannerRefreshMs: 100 } });
    c = await IbTestClient.connect(t.port);
    c.ib.reqScannerSubscription(1, scan(ScanCode.MOST_ACTIVE, 3));
    c.ib.reqScannerSubscription(2, { ...scan(ScanCode.TOP_PERC_GAIN), abovePrice: 100 });
    await c.waitFor(() => c!.of(EventName.scannerDataEnd).filter((a) => a[0] === 1).length >= 3, 'three refreshes');
    const rows = c.of(EventName.scannerData).filter((a) => a[0] === 1).slice(0, 3);
    expect(rows.map((a) => a[1])).toEqual([0, 1, 2]);
    const symbols = rows.map((a) => (a[2] as { contract: { symbol: string } }).contract.symbol);
    expect(symbols).toEqual(t.market.scan({ scanCode: 'MOST_ACTIVE', rows: 3 }).map((s) => s.symbol));
    const gainers = c.of(EventName.scannerData).filter((a) => a[0] === 2).map((a) => (a[2] as { contract: { symbol: string } }).contract.symbol);
    expect(gainers).not.toContain('AMC'); // $4.50 is below the price filter
    c.ib.cancelScannerSubscription(1);
    c.ib.cancelScannerSubscription(2);
    // A refresh already on the wire may still arrive; once the reply to a later request is in, the
    // cancels have been processed and nothing more may come.
    c.ib.reqCurrentTime();
    await c.waitFor(() => c!.of(EventName.currentTime).length, 'round trip');
    const n = c.of(EventName.scannerDataEnd).length;
    await new Promise((r) => setTimeout(r, 300));
    expect(c.of(EventName.scannerDataEnd).length).toBe(n);
  });

  it('rejects an unknown scan code with 321', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqScannerSubscription(4, scan(ScanCode.HALTED));
    await c.waitFor(() => c!.errors().length, 'error');
    expect(c.errors()[0]).toMatchObject({ reqId: 4, code: 321 });
  });
});

describe('historical data', () => {
  it('1-min TRADES bars with formatDate 1 and 2, the "finished" row, consistent with the model', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqHistoricalData(1, new Stock('AAPL'), '20260402 10:00:00 US/Eastern', '1800 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 1, 1, false);
    c.ib.reqHistoricalData(2, new Stock('AAPL'), '20260402-14:00:00', '1800 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 1, 2, false);
    await c.waitFor(() => c!.of(EventName.historicalData).filter((a) => String(a[1]).startsWith('finished')).length >= 2, 'both finished');
    const bars1 = c.of(EventName.historicalData).filter((a) => a[0] === 1 && !String(a[1]).startsWith('finished'));
    const bars2 = c.of(EventName.historicalData).filter((a) => a[0] === 2 && !String(a[1]).startsWith('finished'));
    expect(bars1).toHaveLength(30);
    expect(bars1[0][1]).toBe('20260402 09:30:00 US/Eastern');
    expect(bars2[0][1]).toBe(String(Date.UTC(2026, 3, 2, 13, 30) / 1000));
    const model = t.market.bars({ conId: 265598, start: Date.UTC(2026, 3, 2, 13, 30), end: Date.UTC(2026, 3, 2, 14, 0), barMs: 60_000, whatToShow: 'TRADES', useRTH: true });
    expect(bars1.map((a) => a[2])).toEqual(model.map((b) => b.open));
    const finished = String(c.of(EventName.historicalData).find((a) => a[0] === 1 && String(a[1]).startsWith('finished'))![1]);
    expect(finished).toBe('finished-20260402 09:30:00 US/Eastern-20260402 10:00:00 US/Eastern');
  });

  it('keepUpToDate sends msg 90 for the forming bar; 321 when an end date is given', async () => {
    t = await startTestSim({ tuning: { keepUpToDateMs: 50 } });
    c = await IbTestClient.connect(t.port);
    c.ib.reqHistoricalData(3, new Stock('MSFT'), '', '3600 S', BarSizeSetting.MINUTES_FIVE, 'MIDPOINT', 0, 2, true);
    c.ib.reqHistoricalData(4, new Stock('MSFT'), '20260402 10:00:00', '3600 S', BarSizeSetting.MINUTES_FIVE, 'TRADES', 0, 1, true);
    await c.waitFor(() => c!.of(EventName.historicalDataUpdate).length >= 2, 'updates');
    expect(c.of(EventName.historicalDataUpdate)[0][0]).toBe(3);
    expect(c.errors()).toEqual([expect.objectContaining({ reqId: 4, code: 321 })]);
    c.ib.cancelHistoricalData(3);
  });

  it('daily bars are dated yyyyMMdd; invalid bar size and duration get 321', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqHistoricalData(5, new Stock('SPY'), '', '5 D', BarSizeSetting.DAYS_ONE, 'TRADES', 1, 2, false);
    c.ib.reqHistoricalData(6, new Stock('SPY'), '', '5 D', ('7 mins' as BarSizeSetting), 'TRADES', 1, 1, false);
    c.ib.reqHistoricalData(7, new Stock('SPY'), '', 'five days', BarSizeSetting.DAYS_ONE, 'TRADES', 1, 1, false);
    await c.waitFor(() => c!.errors().length >= 2 && c!.of(EventName.historicalData).some((a) => a[0] === 5 && String(a[1]).startsWith('finished')), 'replies');
    const daily = c.of(EventName.historicalData).filter((a) => a[0] === 5 && !String(a[1]).startsWith('finished'));
    expect(daily.length).toBeGreaterThan(0);
    expect(daily.every((a) => /^\d{8}$/.test(String(a[1])))).toBe(true);
    expect(c.errors().map((e) => [e.reqId, e.code])).toEqual([[6, 321], [7, 321]]);
  });

  it('pacing: an identical request within 15 s and a 6th request for a contract within 2 s get 162', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    const req = (id: number, end: string, what = 'TRADES' as WhatToShow) => c!.ib.reqHistoricalData(id, new Stock('AAPL'), end, '600 S', BarSizeSetting.MINUTES_ONE, what, 1, 1, false);
    req(1, '20260402 10:00:00');
    req(2, '20260402 10:00:00'); // identical
    for (let i = 3; i <= 7; i++) req(i, `20260402 10:0${i}:00`); // 3..6 ok (5 in 2 s), 7th → 6th in window
    await c.waitFor(() => c!.errors().length >= 2, 'pacing errors');
    const pacing = c.errors().filter((e) => e.code === 162);
    expect(pacing.map((e) => e.reqId)).toEqual([2, 7]);
    expect(pacing[0].message).toBe('Historical Market Data Service error message:Historical data request pacing violation');
  });

  it('pacing: more than 60 small-bar requests in 10 minutes get 162 (BID_ASK counts twice); 1-minute bars are outside the ceiling', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port, undefined, 40);
    const symbols = ['AAPL', 'SPY', 'MSFT', 'TSLA', 'META', 'AMC'];
    const whats = ['TRADES', 'MIDPOINT', 'BID', 'ASK'];
    let id = 0;
    // 6 symbols × 4 kinds × 2 = 48 requests, then 6 BID_ASK (12 units) = 60 units; the next one is refused.
    for (let n = 0; n < 2; n++) for (const s of symbols) for (const w of whats) {
      id++;
      c.ib.reqHistoricalData(id, new Stock(s), `20260402 09:5${n}:00`, '60 S', BarSizeSetting.SECONDS_THIRTY, w as WhatToShow, 0, 1, false);
    }
    await c.waitFor(() => c!.of(EventName.historicalData).filter((a) => String(a[1]).startsWith('finished')).length === 48, '48 answered', 10_000);
    for (const s of symbols) c.ib.reqHistoricalData(++id, new Stock(s), '20260402 09:58:00', '60 S', BarSizeSetting.SECONDS_THIRTY, 'BID_ASK', 0, 1, false);
    c.ib.reqHistoricalData(++id, new Stock('AAPL'), '20260402 09:59:00', '60 S', BarSizeSetting.SECONDS_THIRTY, 'TRADES', 0, 1, false);
    await c.waitFor(() => c!.errors().length, 'pacing error', 10_000);
    expect(c.errors()).toEqual([expect.objectContaining({ reqId: id, code: 162 })]);
    // The ceiling is full, yet a 1-minute chart request is answered (IB soft-throttles big bars, never refuses them).
    const chartId = ++id;
    c.ib.reqHistoricalData(chartId, new Stock('TSLA'), '20260402 09:59:00', '600 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 0, 1, false);
    await c.waitFor(() => c!.of(EventName.historicalData).some((a) => a[0] === chartId && String(a[1]).startsWith('finished')), '1-minute bars answered', 10_000);
    expect(c.errors()).toHaveLength(1);
  }, 20_000);

  it('real-time 5-second bars', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqRealTimeBars(9, new Stock('AAPL'), 5, 'TRADES', false);
    await c.waitFor(() => c!.of(EventName.realtimeBar).length, 'bar', 7000);
    const [reqId, time] = c.of(EventName.realtimeBar)[0] as number[];
    expect(reqId).toBe(9);
    expect(time % 5).toBe(0);
    c.ib.cancelRealTimeBars(9);
  });
});
