/**
 * NYSE full-day holidays and 13:00 early closes, from the exchange's rules rather than a table, plus
 * the few unscheduled closures (national mourning, 9/11, Sandy) that no rule can predict.
 * Weekend observance: a holiday on Saturday closes the Friday before, on Sunday the Monday after —
 * except New Year's Day on a Saturday, which is not observed (Dec 31 closes a fiscal year).
 */
import { dayNumber, dateOfDayNumber, easter, formatYmd, lastWeekday, nthWeekday, parseYmd, weekday } from './civil-date';

const MON = 1;
const THU = 4;

/** Unscheduled full-day closures. */
const SPECIAL_CLOSURES = new Set([
  '1994-04-27', // Nixon funeral
  '2001-09-11',
  '2001-09-12',
  '2001-09-13',
  '2001-09-14',
  '2004-06-11', // Reagan funeral
  '2007-01-02', // Ford funeral
  '2012-10-29', // Hurricane Sandy
  '2012-10-30',
  '2018-12-05', // G. H. W. Bush funeral
  '2025-01-09', // Carter funeral
]);

const holidayCache = new Map<number, Set<string>>();
const halfDayCache = new Map<number, Set<string>>();

/** A fixed-date holiday moved off a weekend; null when not observed that year. */
function observed(y: number, m: number, d: number, saturdayToFriday = true): string | null {
  const dow = weekday(y, m, d);
  const day = dayNumber(y, m, d);
  if (dow === 6) return saturdayToFriday ? dateOfDayNumber(day - 1) : null;
  if (dow === 0) return dateOfDayNumber(day + 1);
  return formatYmd(y, m, d);
}

function computeHolidays(y: number): Set<string> {
  const out = new Set<string>();
  const add = (s: string | null) => s && out.add(s);
  add(observed(y, 1, 1, false));
  add(formatYmd(y, 1, nthWeekday(y, 1, MON, 3))); // Martin Luther King Jr. Day (NYSE since 1998)
  add(formatYmd(y, 2, nthWeekday(y, 2, MON, 3))); // Washington's Birthday
  const [em, ed] = easter(y);
  add(dateOfDayNumber(dayNumber(y, em, ed) - 2)); // Good Friday
  add(formatYmd(y, 5, lastWeekday(y, 5, MON))); // Memorial Day
  if (y >= 2022) add(observed(y, 6, 19)); // Juneteenth
  add(observed(y, 7, 4));
  add(formatYmd(y, 9, nthWeekday(y, 9, MON, 1))); // Labor Day
  add(formatYmd(y, 11, nthWeekday(y, 11, THU, 4))); // Thanksgiving
  add(observed(y, 12, 25));
  // Next year's New Year's Day never moves into this year (Saturday is not observed).
  return out;
}

function holidaysOf(y: number): Set<string> {
  let set = holidayCache.get(y);
  if (!set) holidayCache.set(y, (set = computeHolidays(y)));
  return set;
}

/** A full-day NYSE closure on a weekday (holiday or unscheduled). Weekends are not "holidays". */
export function isHoliday(date: string): boolean {
  const { y } = parseYmd(date);
  return holidaysOf(y).has(date) || SPECIAL_CLOSURES.has(date);
}

export function isWeekend(date: string): boolean {
  const { y, m, d } = parseYmd(date);
  const dow = weekday(y, m, d);
  return dow === 0 || dow === 6;
}

export function isTradingDay(date: string): boolean {
  return !isWeekend(date) && !isHoliday(date);
}

function computeHalfDays(y: number): Set<string> {
  const out = new Set<string>();
  const maybe = (date: string) => isTradingDay(date) && out.add(date);
  maybe(formatYmd(y, 7, 3)); // the day before Independence Day, when July 4 itself is a weekday
  if (isWeekend(formatYmd(y, 7, 4))) out.delete(formatYmd(y, 7, 3));
  maybe(formatYmd(y, 11, nthWeekday(y, 11, THU, 4) + 1)); // the day after Thanksgiving
  maybe(formatYmd(y, 12, 24)); // Christmas Eve
  return out;
}

/** A trading day that closes at 13:00 ET. */
export function isHalfDay(date: string): boolean {
  const { y } = parseYmd(date);
  let set = halfDayCache.get(y);
  if (!set) halfDayCache.set(y, (set = computeHalfDays(y)));
  return set.has(date);
}
