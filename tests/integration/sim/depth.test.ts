import { afterEach, describe, expect, it } from 'vitest';
import { EventName, Stock } from '@stoqey/ib';
import { IbTestClient } from './support/ib-client';
import { type TestSim, startTestSim } from './support/sim';

let t: TestSim;
let c: IbTestClient | undefined;
afterEach(async () => {
  c?.disconnect();
  c = undefined;
  await t?.close();
});

interface Row { price: number; size: number; mm?: string }

/** A client book applying IB's row-shifting semantics, as the app's book must. */
function book(cl: IbTestClient, reqId: number, l2: boolean): { bids: Row[]; asks: Row[] } {
  const sides: Row[][] = [[], []];
  for (const a of cl.of(l2 ? EventName.updateMktDepthL2 : EventName.updateMktDepth)) {
    if (a[0] !== reqId) continue;
    const [, position, ...rest] = a as number[];
    const [mm, operation, side, price, size] = l2 ? (rest as unknown as [string, number, number, number, number]) : ['', ...rest];
    const rows = sides[side as number];
    const row = { price: price as number, size: size as number, mm: mm as string };
    if (operation === 0) rows.splice(position, 0, row);
    else if (operation === 1) rows[position] = row;
    else rows.splice(position, 1);
  }
  return { asks: sides[0], bids: sides[1] };
}

describe('reqMktDepth', () => {
  it('SMART depth: L2 rows with market makers, respects numRows, and stays equal to the market book', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktDepth(1, new Stock('AAPL'), 3, true, []);
    await c.waitFor(() => book(c!, 1, true).bids.length === 3 && book(c!, 1, true).asks.length === 3, 'initial rows');
    const l2 = c.of(EventName.updateMktDepthL2)[0];
    expect(l2[2]).toBeTruthy(); // market maker
    expect(l2[7]).toBe(true); // isSmartDepth
    // Insert at the top pushes a row out; delete pulls one up; update in place; changes below row 3 are invisible.
    t.market.depth('AAPL', true, { position: 0, operation: 0, side: 1, price: 193.89, size: 50, marketMaker: 'IEX' });
    t.market.depth('AAPL', true, { position: 1, operation: 2, side: 0, price: 0, size: 0 });
    t.market.depth('AAPL', true, { position: 2, operation: 1, side: 1, price: 193.8, size: 777, marketMaker: 'ARCA' });
    t.market.depth('AAPL', true, { position: 5, operation: 1, side: 0, price: 194, size: 1, marketMaker: 'ARCA' });
    const expected = t.market.book(265598, 3, true);
    const want = (rows: Array<{ price: number; size: number; marketMaker: string }>) => rows.map((r) => ({ price: r.price, size: r.size, mm: r.marketMaker }));
    const target = JSON.stringify({ asks: want(expected.asks), bids: want(expected.bids) });
    await c.waitFor(() => JSON.stringify(book(c!, 1, true)) === target, 'book in sync');
    expect(c.decodeErrors()).toEqual([]);
  });

  it('plain exchange depth uses MARKET_DEPTH (12); ISLAND uses L2 with isSmartDepth=false', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktDepth(2, new Stock('AMC', 'NYSE'), 2, false, []);
    c.ib.reqMktDepth(3, new Stock('MSFT', 'ISLAND'), 2, false, []);
    await c.waitFor(() => book(c!, 2, false).bids.length === 2 && book(c!, 3, true).asks.length === 2, 'rows');
    expect(c.of(EventName.updateMktDepthL2).every((a) => a[0] === 3 && a[7] === false)).toBe(true);
  });

  it('caps depth streams per connection with 309, frees a slot on cancel, and honours setDepthLimit', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    for (const [id, sym] of [[1, 'AAPL'], [2, 'MSFT'], [3, 'SPY'], [4, 'TSLA']] as const) c.ib.reqMktDepth(id, new Stock(sym), 5, true, []);
    await c.waitFor(() => c!.errors().length, '309');
    expect(c.errors()[0]).toMatchObject({ reqId: 4, code: 309, message: 'Max number (3) of market depth requests has been reached' });
    c.ib.cancelMktDepth(1, true);
    c.ib.reqMktDepth(5, new Stock('TSLA'), 5, true, []);
    await c.waitFor(() => c!.of(EventName.updateMktDepthL2).some((a) => a[0] === 5), 'slot reused');
    t.sim.faults.setDepthLimit(4);
    c.ib.reqMktDepth(6, new Stock('META'), 5, true, []);
    await c.waitFor(() => c!.of(EventName.updateMktDepthL2).some((a) => a[0] === 6), 'raised limit');
    // The cap is per connection: a second client has its own slots.
    const other = await IbTestClient.connect(t.port);
    other.ib.reqMktDepth(1, new Stock('AAPL'), 5, true, []);
    await other.waitFor(() => other.of(EventName.updateMktDepthL2).length, 'other client depth');
    other.disconnect();
  });

  it('10092 for the NODEPTH ticker; 200 for an unknown one', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktDepth(1, new Stock('NODEPTH'), 5, true, []);
    c.ib.reqMktDepth(2, new Stock('ZZZZ'), 5, true, []);
    await c.waitFor(() => c!.errors().length >= 2, 'errors');
    expect(c.errors().map((e) => [e.reqId, e.code])).toEqual([[1, 10092], [2, 200]]);
    expect(c.errors()[0].message).toBe('Deep market data is not supported for this combination.');
  });

  it('reqMktDepthExchanges lists Deep and Deep2 venues', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    c.ib.reqMktDepthExchanges();
    await c.waitFor(() => c!.of(EventName.mktDepthExchanges).length, 'exchanges');
    const list = c.of(EventName.mktDepthExchanges)[0][0] as Array<{ exchange: string; serviceDataType: string }>;
    expect(list.find((d) => d.exchange === 'ISLAND')?.serviceDataType).toBe('Deep2');
    expect(list.find((d) => d.exchange === 'NYSE')?.serviceDataType).toBe('Deep');
  });
});
