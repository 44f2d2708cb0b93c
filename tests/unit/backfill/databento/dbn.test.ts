/** The DBN decoder on Databento's own sample files (../shared/fixtures/databento; values from its README). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DbnFormatError, decodeDbn, SCHEMA } from '../../../../src-main/backfill/databento/dbn/decode';
import { fixture, hasFixtures } from '../../../support/fixtures';

const load = (name: string) => decodeDbn(new Uint8Array(readFileSync(fixture('databento', name))));

describe.skipIf(!hasFixtures)('DBN decoder on Databento fixtures', () => {
  it('XNAS.ITCH mbp-10 (v3, zstd): metadata and the documented first record', () => {
    const f = load('XNAS.ITCH_test_data.mbp-10.dbn.zst');
    expect(f.metadata).toMatchObject({ version: 3, dataset: 'XNAS.ITCH', schema: SCHEMA.MBP_10 });
    expect(f.metadata.symbols).toContain('NVDA');
    expect(f.records).toHaveLength(4);
    const r = f.records[0];
    expect(r).toMatchObject({ tsEvent: 1609146088297098637n, action: 'A', side: 'N', depth: 0, price: 502, size: 2, flags: 130, sequence: 289000 });
    expect(r.levels).toHaveLength(10);
    expect(r.levels[0]).toMatchObject({ bidPx: 502, bidSz: 2, askPx: null });
    // 2020-12-28 about 04:01 ET
    expect(new Date(r.tsEventMs).toISOString()).toBe('2020-12-28T09:01:28.297Z');
  });

  it('dbn mbp-10: the same two records in versions 1, 2 and 3, plain and zstd', () => {
    const files = ['dbn_test_data.mbp-10.dbn', 'dbn_test_data.mbp-10.v1.dbn.zst', 'dbn_test_data.mbp-10.v2.dbn.zst', 'dbn_test_data.mbp-10.v3.dbn.zst'].map(load);
    expect(files.map((f) => f.metadata.version)).toEqual([2, 1, 2, 3]);
    for (const f of files) {
      expect(f.metadata).toMatchObject({ dataset: 'GLBX.MDP3', schema: SCHEMA.MBP_10 });
      expect(f.metadata.symbols).toContain('ESH1');
      expect(f.records).toHaveLength(2);
      expect(f.records[0]).toMatchObject({ instrumentId: 5482, tsEvent: 1609160400000429831n, action: 'C', side: 'A', depth: 9, price: 3722.75, size: 1, flags: 128, sequence: 1170352 });
      expect(f.records[0].levels[0]).toEqual({ bidPx: 3720.25, bidSz: 24, bidCt: 15, askPx: 3720.5, askSz: 10, askCt: 8 });
      expect(f.records).toEqual(files[0].records);
    }
  });

  it('trades schema: records without levels, in both sources', () => {
    const xnas = load('XNAS.ITCH_test_data.trades.dbn.zst');
    expect(xnas.metadata).toMatchObject({ version: 3, dataset: 'XNAS.ITCH', schema: SCHEMA.TRADES });
    expect(xnas.records).toHaveLength(4);
    expect(xnas.records.every((r) => r.levels.length === 0 && r.action === 'T' && r.price !== null && r.price > 400 && r.price < 600)).toBe(true);
    const glbx = load('dbn_test_data.trades.dbn');
    expect(glbx.records).toHaveLength(2);
    expect(glbx.records[0]).toMatchObject({ instrumentId: 5482, action: 'T' });
  });
});

describe('DBN decoder on bad input', () => {
  it('refuses what is not DBN, unsupported versions and truncated records', () => {
    expect(() => decodeDbn(new TextEncoder().encode('PAR1 not dbn'))).toThrow(DbnFormatError);
    expect(() => decodeDbn(new Uint8Array([0x44, 0x42, 0x4e, 9, 0, 0, 0, 0]))).toThrow(/version 9/);
    if (!hasFixtures) return;
    const plain = new Uint8Array(readFileSync(fixture('databento', 'dbn_test_data.trades.dbn')));
    expect(() => decodeDbn(plain.subarray(0, plain.length - 10))).toThrow(/truncated/);
  });
});
