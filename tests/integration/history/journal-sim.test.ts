import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventName, type Order, OrderAction, OrderType, Stock } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchExecutions } from '../../../src-main/broker/executions-fetch';
import { FlexWebServiceClient } from '../../../src-main/history/flex/flex-web-service';
import { HistoryService } from '../../../src-main/history/history-service';
import { MemorySecretStore } from '../../../src-main/history/secret-store';
import { ManualClock } from '../../../src-main/platform/clock';
import { buildReport } from '../../../src-main/reports/build-report';
import { CHROMIUM_PATH, chromiumPrinter } from '../../../src-main/reports/pdf';
import { openStorage, type Storage } from '../../../src-main/storage';
import { etDate } from '../../../src-shared/domain/et-time';
import { makeTempDir } from '../../support/temp-dir';
import { hasPdftoppm, inkShare } from '../../unit/reports/pdf-pixels';
import { IbTestClient } from '../sim/support/ib-client';
import { type TestSim, startTestSim } from '../sim/support/sim';

let t: TestSim | undefined;
let c: IbTestClient | undefined;
let storage: Storage | undefined;
let tmp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  c?.disconnect();
  await t?.close();
  storage?.close();
  tmp?.cleanup();
  c = t = storage = tmp = undefined;
});

const mkt = (action: OrderAction, totalQuantity: number): Order => ({ action, totalQuantity, orderType: OrderType.MKT, tif: 'DAY', transmit: true }) as Order;
const filled = (cl: IbTestClient, id: number) => cl.of(EventName.orderStatus).some((a) => a[0] === id && a[1] === 'Filled');

describe('journal against the simulator', () => {
  it('paper fills reach the ledger through reqExecutions with commissions, and the report matches the simulator’s own records', async () => {
    t = await startTestSim();
    c = await IbTestClient.connect(t.port);
    const m = t.market;
    const place = async (id: number, symbol: string, action: OrderAction, qty: number) => {
      c!.ib.placeOrder(id, new Stock(symbol), mkt(action, qty));
      await c!.waitFor(() => filled(c!, id), `order ${id} filled`);
    };
    // AAPL: scale in twice, out once. MSFT: a short. TSLA: a buy filled in two parts (40 shown at the ask).
    m.setQuote('AAPL', 194, 194.02, 500, 500);
    await place(1, 'AAPL', OrderAction.BUY, 100);
    m.setQuote('AAPL', 194.5, 194.52, 500, 500);
    await place(2, 'AAPL', OrderAction.BUY, 50);
    m.setQuote('AAPL', 195.1, 195.12, 500, 500);
    await place(3, 'AAPL', OrderAction.SELL, 150);
    m.setQuote('MSFT', 410, 410.05, 500, 500);
    await place(4, 'MSFT', OrderAction.SELL, 60);
    m.setQuote('MSFT', 409, 409.02, 500, 500);
    await place(5, 'MSFT', OrderAction.BUY, 60);
    m.setQuote('TSLA', 175, 175.02, 500, 40);
    c.ib.placeOrder(6, new Stock('TSLA'), mkt(OrderAction.BUY, 100));
    await c.waitFor(() => c!.of(EventName.execDetails).some((a) => (a[2] as { orderId: number }).orderId === 6), 'first TSLA partial');
    m.setQuote('TSLA', 175, 175.03, 500, 500);
    await c.waitFor(() => filled(c!, 6), 'TSLA filled');
    m.setQuote('TSLA', 175.5, 175.52, 500, 500);
    await place(7, 'TSLA', OrderAction.SELL, 100);

    tmp = makeTempDir();
    storage = openStorage(tmp.dir, { clock: new ManualClock(1) });
    const fetched = await fetchExecutions(c.ib, { reqId: 9001, zones: { accountZone: 'America/New_York' } });
    const entries = fetched.executions.map((execution) => ({ execution, commission: fetched.commissions.find((x) => x.execId === execution.execId) }));
    expect(storage.ledger.recordBatch(entries, 'reconciliation')).toMatchObject({ inserted: 8, duplicates: 0 });
    expect(storage.ledger.pendingCommissions()).toEqual([]);

    // The simulator's own records, recomputed independently: every position is flat, so net = cash − fees.
    const sim = t.sim.executions();
    expect(sim).toHaveLength(8);
    const cash = sim.reduce((s, f) => s + (f.exec.side === 'SLD' ? 1 : -1) * f.exec.shares * f.exec.price, 0);
    const fees = sim.reduce((s, f) => s + f.report.commission, 0);
    const simRealized = sim.reduce((s, f) => s + (f.report.realizedPnl ?? 0), 0);
    expect(storage.ledger.fills().map((f) => [f.execId, f.time, f.shares, f.price])).toEqual(sim.map((f) => [f.exec.execId, f.exec.time - (f.exec.time % 1000), f.exec.shares, f.exec.price]));

    const date = etDate(sim[0].exec.time);
    const history = new HistoryService({ ledger: storage.ledger, secrets: new MemorySecretStore(), flex: new FlexWebServiceClient() });
    const withPdf = existsSync(CHROMIUM_PATH);
    const built = await buildReport(history, { date, outDir: join(tmp.dir, 'reports'), now: 1, formats: withPdf ? ['md', 'csv', 'html', 'pdf'] : ['md', 'csv', 'html'], printer: withPdf ? chromiumPrinter() : undefined });
    const { stats, reconciliation, trips } = built.data;
    expect(trips.map((x) => [x.symbol, x.direction, x.open, x.legs.length])).toEqual([['AAPL', 'LONG', false, 3], ['MSFT', 'SHORT', false, 2], ['TSLA', 'LONG', false, 3]]);
    expect(stats.trips).toBe(3);
    expect(stats.fees).toBeCloseTo(fees, 6);
    expect(stats.gross).toBeCloseTo(cash, 6);
    expect(stats.net).toBeCloseTo(cash - fees, 6);
    expect(reconciliation.ibRealized!).toBeCloseTo(simRealized, 6);
    expect(Math.abs(reconciliation.difference!)).toBeLessThan(1e-4);
    expect(readFileSync(built.files.csv!, 'utf8').trim().split('\n')).toHaveLength(9);
    const html = readFileSync(built.files.html!, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/|\s(src|href)\s*=/i);
    if (withPdf && hasPdftoppm) expect(inkShare(built.files.pdf!, tmp.dir)).toBeGreaterThan(0.01);
  }, 60_000);
});
