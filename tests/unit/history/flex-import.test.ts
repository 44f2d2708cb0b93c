import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFlexFile } from '../../../src-main/history/flex/flex-import';
import { parseFlex } from '../../../src-main/history/flex/flex-parse';
import { ManualClock } from '../../../src-main/platform/clock';
import { openStorage, type Storage } from '../../../src-main/storage';
import { buildRoundTrips } from '../../../src-shared/domain/trades/round-trips';
import { makeTempDir } from '../../support/temp-dir';

const FLEX = join(import.meta.dirname, '..', '..', 'fixtures', 'flex');
const file = (name: string) => join(FLEX, name);

describe('Flex import', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  beforeEach(() => {
    tmp = makeTempDir();
    storage = openStorage(tmp.dir, { clock: new ManualClock(1) });
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('reads execution-level rows of an Activity statement and skips order and lot rows', () => {
    const p = parseFlex(readFileSync(file('activity.xml'), 'utf8'));
    expect(p.format).toBe('xml');
    expect(p.entries).toHaveLength(7);
    expect(p.skipped).toEqual({ 'not-execution-level': 2 });
    expect(p.accounts).toEqual(['U0000001']);
    expect(p.entries[0]).toEqual({
      execution: {
        execId: '0000e0d5.67c4a001.01.01', permId: 700000001, orderId: null, orderRef: 'td-aapl-1', clientId: null, account: 'U0000001',
        conId: 265598, symbol: 'AAPL', secType: 'STK', side: 'BUY', shares: 100, price: 180, multiplier: 1,
        time: Date.UTC(2026, 2, 2, 14, 35, 10), exchange: 'ISLAND', // 09:35:10 EST
      },
      commission: { execId: '0000e0d5.67c4a001.01.01', commission: 1, currency: 'USD', realizedPnl: 0 },
      tradeId: '900000001',
    });
    expect(p.entries[2].execution).toMatchObject({ side: 'SELL', shares: 120, price: 181.2 });
  });

  it('the CSV file (HEADER/DATA markers) gives the same entries as the XML', () => {
    const xml = parseFlex(readFileSync(file('activity.xml'), 'utf8'));
    const csv = parseFlex(readFileSync(file('activity.csv'), 'utf8'));
    expect(csv.format).toBe('csv');
    expect(csv.skipped).toEqual({ 'not-execution-level': 1 });
    expect(csv.entries).toEqual(xml.entries);
  });

  it('a Trade Confirmation uses execID / orderID / price / commission, times in EDT', () => {
    const p = parseFlex(readFileSync(file('trade-confirm.xml'), 'utf8'));
    expect(p.entries.map((e) => [e.execution.execId, e.execution.side, e.execution.shares, e.execution.price, e.execution.orderId, e.commission?.commission])).toEqual([
      ['0000e0d5.686e1101.01.01', 'SELL', 200, 410.25, 700000101, 1.2],
      ['0000e0d5.686e1102.01.01', 'BUY', 200, 409.75, 700000102, 1.2],
    ]);
    expect(p.entries[0].execution.time).toBe(Date.UTC(2026, 6, 9, 13, 30, 5));
  });

  it('FIFO round trips reproduce the file’s fifoPnlRealized for every execution', async () => {
    await importFlexFile(storage.ledger, file('activity.xml'));
    const fills = storage.ledger.fills();
    const trips = buildRoundTrips(fills, { method: 'fifo' });
    const ours = new Map<string, number>();
    for (const t of trips) for (const l of t.legs) if (!l.opening) ours.set(l.execId, (ours.get(l.execId) ?? 0) + l.realizedNet!);
    for (const f of fills) expect(ours.get(f.execId) ?? 0, f.execId).toBeCloseTo(f.ibRealizedPnl!, 9);
    expect(trips.map((t) => [t.symbol, t.direction, t.open, Math.round(t.net * 100) / 100, Math.round(t.ibRealizedPnl! * 100) / 100])).toEqual([
      ['AAPL', 'LONG', false, 112, 112],
      ['TSLA', 'SHORT', false, 98, 98],
      ['TSLA', 'LONG', false, 28.4, 28.4],
    ]);
  });

  it('re-importing the same file (or its CSV twin) changes nothing', async () => {
    const first = await importFlexFile(storage.ledger, file('activity.xml'));
    expect(first).toMatchObject({ inserted: 7, duplicates: 0, corrections: 0, commissions: 7 });
    const before = JSON.stringify([storage.ledger.fills(), storage.ledger.counts()]);
    for (const name of ['activity.xml', 'activity.csv']) {
      expect(await importFlexFile(storage.ledger, file(name))).toMatchObject({ inserted: 0, duplicates: 7, corrections: 0, commissions: 0 });
    }
    expect(JSON.stringify([storage.ledger.fills(), storage.ledger.counts()])).toBe(before);
  });

  it('refuses a file that is not a Flex statement and reports unreadable rows', () => {
    expect(() => parseFlex('<html><body>login</body></html>')).toThrow(/Flex/);
    const bad = parseFlex('"Symbol","IBExecID","Quantity","TradePrice","DateTime","AccountID"\n"AAPL","x.01","100","abc","20260302;093000","U1"\n');
    expect(bad.entries).toEqual([]);
    expect(bad.skipped).toEqual({ unreadable: 1 });
    expect(bad.problems[0]).toMatch(/x\.01/);
  });

  it('reads a public Flex row (csingley/capgains test data): tradeDate + tradeTime in ET, the charge, IB\'s FIFO P&L; book trades without an exec id are skipped, and a re-import changes nothing', async () => {
    const p = parseFlex(readFileSync(file('capgains-trades.xml'), 'utf8'));
    expect(p.skipped).toEqual({ 'no-exec-id': 2 }); // an option assignment and its stock leg: IB gives them no execution id
    expect(p.entries).toEqual([{
      execution: {
        execId: '0000de6f.58ff4ddb.01.01', permId: 892713358, orderId: null, orderRef: null, clientId: null, account: '5678',
        conId: 45540682, symbol: 'BIL', secType: 'STK', side: 'BUY', shares: 800, price: 45.72, multiplier: 1,
        time: Date.UTC(2017, 3, 25, 14, 55, 58), exchange: 'NITEEXST', // 10:55:58 EDT
      },
      commission: { execId: '0000de6f.58ff4ddb.01.01', commission: 2.082058, currency: 'USD', realizedPnl: -12.736498 },
      tradeId: '1802867961',
    }]);
    const first = await importFlexFile(storage.ledger, file('capgains-trades.xml'));
    expect(first).toMatchObject({ inserted: 1, duplicates: 0, commissions: 1 });
    const before = JSON.stringify([storage.ledger.fills(), storage.ledger.counts()]);
    expect(await importFlexFile(storage.ledger, file('capgains-trades.xml'))).toMatchObject({ inserted: 0, duplicates: 1 });
    expect(JSON.stringify([storage.ledger.fills(), storage.ledger.counts()])).toBe(before);
  });
});
