import { describe, expect, it } from 'vitest';
import { packBars, unpackBars } from '../../../src-main/storage/bar-codec';

describe('bar codec', () => {
  it('packs 64 bytes per bar and decodes from an unaligned view', () => {
    const bars = [{ tsOpen: 1_735_828_200_000, open: 1.5, high: 2, low: 1, close: 1.75, volume: 12_345_678, vwap: 1.6, count: 0 }];
    const packed = packBars(bars);
    expect(packed.byteLength).toBe(64);
    const shifted = Buffer.alloc(packed.byteLength + 3);
    packed.copy(shifted, 3);
    expect(unpackBars(shifted.subarray(3))).toEqual(bars);
  });

  it('rejects a truncated blob', () => {
    expect(() => unpackBars(new Uint8Array(63))).toThrow(/whole number of bars/);
  });
});
