import { describe, expect, it } from 'vitest';
import { calendarCells, fmtEtClock, fmtHold, fmtMoney, monthRange } from '../../../src-renderer/src/features/history/history-view';
import { etToEpoch } from '../../../src-shared/domain/et-time';

describe('history view helpers', () => {
  it('money with a real minus sign, hold times and ET clock times', () => {
    expect([fmtMoney(1234.5), fmtMoney(-0.004), fmtMoney(-12), fmtMoney(null)]).toEqual(['+$1,234.50', '$0.00', '−$12.00', '—']);
    expect([fmtHold(45_000), fmtHold(125_000), fmtHold(3_725_000), fmtHold(null)]).toEqual(['45s', '2m 5s', '1h 2m', 'open']);
    expect(fmtEtClock(etToEpoch('2026-07-09', 9, 30, 5))).toBe('09:30:05');
  });

  it('lays the month out Monday to Friday with each day’s P&L and intensity', () => {
    // March 2026 starts on a Sunday: the 2nd is the first weekday, in the Monday column.
    const cells = calendarCells('2026-03-02', [{ date: '2026-03-02', net: 50, gross: 52, fees: 2, trips: 1 }, { date: '2026-03-06', net: -100, gross: -98, fees: 2, trips: 1 }]);
    expect(cells).toHaveLength(22);
    expect(cells[0]).toEqual({ date: '2026-03-02', day: 2, column: 0, row: 0, net: 50, intensity: 0.5 });
    expect(cells[4]).toMatchObject({ date: '2026-03-06', column: 4, row: 0, net: -100, intensity: 1 });
    expect(cells[5]).toMatchObject({ date: '2026-03-09', column: 0, row: 1, net: null });
    expect(cells.at(-1)).toMatchObject({ date: '2026-03-31', column: 1, row: 4 }); // weeks of the 2nd, 9th, 16th, 23rd, 30th
    expect(monthRange('2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
