/** Chart reference levels from one session's bars. Pure. */
import type { Bar } from '../../src-shared/domain/bar';
import type { Session } from '../../src-shared/domain/market-time';

export const inRegular = (b: Bar, s: Session): boolean => b.tsOpen >= s.open && b.tsOpen < s.close;
export const inExtendedDay = (b: Bar, s: Session): boolean => b.tsOpen >= s.premarketOpen && b.tsOpen < s.afterHoursClose;

/** The close of the last regular-hours bar: the previous-close line on an intraday chart. */
export function regularClose(bars: readonly Bar[], s: Session): number | null {
  for (let i = bars.length - 1; i >= 0; i--) if (inRegular(bars[i]!, s)) return bars[i]!.close;
  return null;
}

/** The highest price traded 04:00–09:30 ET. */
export function premarketHigh(bars: readonly Bar[], s: Session): number | null {
  let high: number | null = null;
  for (const b of bars) {
    if (b.tsOpen >= s.premarketOpen && b.tsOpen < s.open && (high === null || b.high > high)) high = b.high;
  }
  return high;
}
