import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { openStorage, type Storage } from '../../../src-main/storage';
import type { Execution } from '../../../src-shared/domain/trades/execution';
import { makeTempDir } from '../../support/temp-dir';

const exec = (execId: string, o: Partial<Execution> = {}): Execution => ({
  execId, permId: 7, orderId: 3, orderRef: 'td-1', clientId: 0, account: 'DU1', conId: 265598, symbol: 'AAPL', secType: 'STK',
  side: 'BUY', shares: 100, price: 10, multiplier: 1, time: 1_772_461_865_000, exchange: 'ISLAND', ...o,
});

describe('ledger repo', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let storage: Storage;
  beforeEach(() => {
    tmp = makeTempDir();
    storage = openStorage(tmp.dir, { clock: new ManualClock(5) });
  });
  afterEach(() => {
    storage.close();
    tmp.cleanup();
  });

  it('stores a fill and joins its commission by execId; a missing one is pending until it arrives', () => {
    const l = storage.ledger;
    expect(l.recordExecution(exec('a.01.01'), 'live')).toBe('inserted');
    expect(l.fills()).toEqual([expect.objectContaining({ execId: 'a.01.01', commission: null, source: 'live', orderRef: 'td-1', time: 1_772_461_865_000 })]);
    expect(l.pendingCommissions()).toEqual(['a.01.01']);
    expect(l.recordCommission({ execId: 'a.01.01', commission: 1, currency: 'USD', realizedPnl: null }, 'live')).toBe(true);
    expect(l.recordCommission({ execId: 'a.01.01', commission: 1, currency: 'USD', realizedPnl: null }, 'live')).toBe(false);
    expect(l.fills()[0]).toMatchObject({ commission: 1, currency: 'USD', ibRealizedPnl: null });
    expect(l.pendingCommissions()).toEqual([]);
  });

  it('a commission that came first is joined when its fill arrives', () => {
    storage.ledger.recordCommission({ execId: 'b.01.01', commission: 2.5, currency: 'USD', realizedPnl: 40 }, 'live');
    storage.ledger.recordExecution(exec('b.01.01'), 'live');
    expect(storage.ledger.fills()[0]).toMatchObject({ commission: 2.5, ibRealizedPnl: 40 });
  });

  it('a higher execId suffix replaces a lower one, whichever arrives first; both rows are kept', () => {
    const l = storage.ledger;
    expect(l.recordExecution(exec('c.01.01', { price: 10 }), 'live')).toBe('inserted');
    expect(l.recordExecution(exec('c.01.02', { price: 10.05 }), 'live')).toBe('corrected');
    expect(l.fills().map((f) => [f.execId, f.price])).toEqual([['c.01.02', 10.05]]);
    expect(l.recordExecution(exec('d.01.02', { price: 5.5 }), 'reconciliation')).toBe('inserted');
    expect(l.recordExecution(exec('d.01.01', { price: 5 }), 'reconciliation')).toBe('stale-correction');
    expect(l.fills().map((f) => f.execId)).toEqual(['c.01.02', 'd.01.02']);
    expect(l.counts()).toEqual({ executions: 4, effective: 2, commissions: 0 });
  });

  it('the same execution twice is a duplicate; the first source is kept', () => {
    const l = storage.ledger;
    l.recordExecution(exec('e.01.01'), 'live');
    expect(l.recordBatch([{ execution: exec('e.01.01'), commission: { execId: 'e.01.01', commission: 1, currency: 'USD', realizedPnl: null } }], 'reconciliation'))
      .toEqual({ inserted: 0, duplicates: 1, corrections: 0, commissions: 1 });
    expect(l.fills()[0].source).toBe('live');
  });

  it('filters by time range, account and symbol', () => {
    const l = storage.ledger;
    l.recordBatch([
      { execution: exec('f.01.01', { time: 100 }) }, { execution: exec('g.01.01', { time: 200, account: 'DU2' }) },
      { execution: exec('h.01.01', { time: 300, symbol: 'TSLA', conId: 76792991 }) },
    ], 'import');
    expect(l.fills({ from: 150 }).map((f) => f.execId)).toEqual(['g.01.01', 'h.01.01']);
    expect(l.fills({ from: 100, to: 300 }).map((f) => f.execId)).toEqual(['f.01.01', 'g.01.01']);
    expect(l.fills({ account: 'DU2' }).map((f) => f.execId)).toEqual(['g.01.01']);
    expect(l.fills({ symbol: 'TSLA' }).map((f) => f.execId)).toEqual(['h.01.01']);
  });

  it('keeps tags, notes and a stop per trip', () => {
    storage.ledger.setNote('DU1|1|x', { tags: ['orb'], notes: 'chased', stop: 9.5 });
    storage.ledger.setNote('DU1|1|x', { tags: ['orb', 'late'], notes: 'chased', stop: null });
    expect([...storage.ledger.notes()]).toEqual([['DU1|1|x', { tags: ['orb', 'late'], notes: 'chased', stop: null }]]);
  });
});
