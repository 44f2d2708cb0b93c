import { describe, expect, it } from 'vitest';
import type { ScannerRow } from '../../../src-shared/contract/features/scanner';
import { mergeScannerDelta, replaceScannerRows } from '../../../src-renderer/src/features/scanner/scanner-merge';

const row = (symbol: string, last = 1): ScannerRow => ({
  symbol, conId: 1, last, prevClose: null, changePct: null, gapPct: null, gapFrozen: false,
  premarketVolume: null, volume: null, rvol: null, rvolState: 'loading', dailyRvol: null, bid: null, ask: null,
  spread: null, spreadPct: null, score: null, scoreParts: null, rank: 1, sources: [], firstSeen: 0, halted: false,
  recording: 'none',
});

describe('mergeScannerDelta', () => {
  it('splits upserts into add and update and removes known rows', () => {
    const rows = new Map([['AAA', row('AAA')], ['BBB', row('BBB')]]);
    const tx = mergeScannerDelta(rows, { upsert: [row('AAA', 2), row('CCC')], remove: ['BBB', 'ZZZ'], error: null, entered: [] });
    expect(tx.add.map((r) => r.symbol)).toEqual(['CCC']);
    expect(tx.update.map((r) => r.last)).toEqual([2]);
    expect(tx.remove.map((r) => r.symbol)).toEqual(['BBB']);
    expect([...rows.keys()].sort()).toEqual(['AAA', 'CCC']);
  });
  it('keeps the last upsert of a symbol and lets an upsert beat a remove', () => {
    const rows = new Map<string, ScannerRow>();
    const tx = mergeScannerDelta(rows, { upsert: [row('AAA', 1), row('AAA', 3)], remove: ['AAA'], error: null, entered: [] });
    expect(tx.add).toHaveLength(1);
    expect(tx.add[0].last).toBe(3);
    expect(tx.remove).toHaveLength(0);
    expect(rows.get('AAA')?.last).toBe(3);
  });
  it('replaces with a snapshot', () => {
    const rows = new Map([['AAA', row('AAA')], ['BBB', row('BBB')]]);
    const tx = replaceScannerRows(rows, [row('BBB', 5), row('DDD')]);
    expect(tx.remove.map((r) => r.symbol)).toEqual(['AAA']);
    expect(tx.update.map((r) => r.symbol)).toEqual(['BBB']);
    expect(tx.add.map((r) => r.symbol)).toEqual(['DDD']);
  });
});
