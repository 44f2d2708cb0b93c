import { describe, expect, it } from 'vitest';
import { premarketHigh, regularClose } from '../../../src-main/bars/session-stats';
import { etToEpoch, sessionFor } from '../../../src-shared/domain/market-time';

const bar = (date: string, hh: number, mm: number, high: number, close: number) => ({
  tsOpen: etToEpoch(date, hh, mm), open: close, high, low: close - 1, close, volume: 1,
});

describe('session stats', () => {
  const s = sessionFor('2025-03-12')!;
  const bars = [bar('2025-03-12', 4, 0, 5, 4), bar('2025-03-12', 9, 29, 7, 6), bar('2025-03-12', 9, 30, 20, 8), bar('2025-03-12', 15, 59, 9, 8.5), bar('2025-03-12', 16, 0, 9, 9.25)];

  it('takes the previous close from the last regular-hours bar, not after-hours', () => {
    expect(regularClose(bars, s)).toBe(8.5);
    expect(regularClose(bars.slice(0, 2), s)).toBeNull();
  });

  it('ends a half day at 13:00 ET', () => {
    const half = sessionFor('2024-11-29')!;
    expect(half.halfDay).toBe(true);
    expect(regularClose([bar('2024-11-29', 12, 59, 3, 2), bar('2024-11-29', 13, 0, 4, 3)], half)).toBe(2);
  });

  it('takes the premarket high from 04:00 to 09:30 ET only', () => {
    expect(premarketHigh(bars, s)).toBe(7);
    expect(premarketHigh(bars.slice(2), s)).toBeNull();
  });
});
