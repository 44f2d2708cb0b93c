import { describe, expect, it } from 'vitest';
import { calls } from '../../../src-shared/contract/calls';

const out = calls['replay:eventColumns'].output;
const cols = (n: number) => ({
  firstSeq: 5, tsRecv: Array(n).fill(1), epoch: Array(n).fill(1), position: Array(n).fill(0), operation: Array(n).fill(0),
  side: Array(n).fill(1), price: Array(n).fill(10.5), size: Array(n).fill(100), marketMaker: Array(n).fill('NSDQ'),
});

describe('replay:eventColumns output: bulk columns checked in one pass', () => {
  it('accepts equal-length columns of finite numbers and strings', () => {
    expect(out.safeParse(cols(3)).success).toBe(true);
    expect(out.safeParse(cols(0)).success).toBe(true);
  });
  it('refuses a NaN, a string among numbers, a number among makers, a ragged column or a missing one', () => {
    expect(out.safeParse({ ...cols(3), price: [1, NaN, 2] }).success).toBe(false);
    expect(out.safeParse({ ...cols(3), size: [1, '2', 3] }).success).toBe(false);
    expect(out.safeParse({ ...cols(3), marketMaker: ['A', 2, 'B'] }).success).toBe(false);
    expect(out.safeParse({ ...cols(3), side: [1, 1] }).success).toBe(false);
    const { epoch: _, ...missing } = cols(3);
    expect(out.safeParse(missing).success).toBe(false);
  });
  it('replay:trades too: finite numbers only', () => {
    expect(calls['replay:trades'].output.safeParse({ ts: [1, 2], price: [1, 2], size: [1, 2] }).success).toBe(true);
    expect(calls['replay:trades'].output.safeParse({ ts: [1, Infinity], price: [1, 2], size: [1, 2] }).success).toBe(false);
  });
});
