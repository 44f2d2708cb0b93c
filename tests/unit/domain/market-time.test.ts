import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  barClose,
  barOpen,
  etDate,
  etMinutes,
  etToEpoch,
  isHalfDay,
  isTradingDay,
  marketPhase,
  nextTradingDay,
  previousSessions,
  sessionFor,
} from '../../../src-shared/domain/market-time';
import { easter } from '../../../src-shared/domain/civil-date';
import { fixture, hasFixtures } from '../../support/fixtures';

const utc = (s: string) => Date.parse(s + 'Z');

describe('ET wall clock', () => {
  it('maps UTC instants to ET dates and minutes across the 2013-11-03 fall-back', () => {
    expect(etDate(utc('2013-11-03T04:30:00'))).toBe('2013-11-03'); // 00:30 EDT
    expect(etDate(utc('2013-11-03T03:59:00'))).toBe('2013-11-02'); // 23:59 EDT
    expect(etMinutes(utc('2013-11-03T05:30:00'))).toBe(90); // 01:30 EDT (first)
    expect(etMinutes(utc('2013-11-03T06:30:00'))).toBe(90); // 01:30 EST (second)
    expect(etMinutes(utc('2013-11-03T07:00:00'))).toBe(120); // 02:00 EST
    expect(etToEpoch('2013-11-04', 9, 30)).toBe(utc('2013-11-04T14:30:00'));
    expect(etToEpoch('2013-11-01', 9, 30)).toBe(utc('2013-11-01T13:30:00'));
    // ambiguous 01:30 → the first (EDT) occurrence
    expect(etToEpoch('2013-11-03', 1, 30)).toBe(utc('2013-11-03T05:30:00'));
  });

  it('handles the 2014-03-09 spring-forward', () => {
    expect(etMinutes(utc('2014-03-09T06:59:00'))).toBe(60 + 59); // 01:59 EST
    expect(etMinutes(utc('2014-03-09T07:00:00'))).toBe(180); // 03:00 EDT
    expect(etToEpoch('2014-03-09', 3, 0)).toBe(utc('2014-03-09T07:00:00'));
    expect(etToEpoch('2014-03-09', 2, 30)).toBe(utc('2014-03-09T07:30:00')); // skipped hour → 03:30 EDT
    expect(etToEpoch('2014-03-07', 9, 30)).toBe(utc('2014-03-07T14:30:00'));
    expect(etToEpoch('2014-03-10', 9, 30)).toBe(utc('2014-03-10T13:30:00'));
    // the ET day of the change is 23 h long
    expect(etToEpoch('2014-03-10', 0, 0) - etToEpoch('2014-03-09', 0, 0)).toBe(23 * 3_600_000);
    expect(etToEpoch('2013-11-04', 0, 0) - etToEpoch('2013-11-03', 0, 0)).toBe(25 * 3_600_000);
  });

  it('uses the pre-2007 rule (first Sunday of April, last Sunday of October)', () => {
    expect(etToEpoch('2006-04-03', 9, 30)).toBe(utc('2006-04-03T13:30:00'));
    expect(etToEpoch('2006-03-13', 9, 30)).toBe(utc('2006-03-13T14:30:00'));
    expect(etToEpoch('2006-10-30', 9, 30)).toBe(utc('2006-10-30T14:30:00'));
    expect(etToEpoch('2006-10-27', 9, 30)).toBe(utc('2006-10-27T13:30:00'));
  });

  it('agrees with Intl for every hour of 2013–2014', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    const bad: number[] = [];
    for (let t = utc('2013-01-01T00:17:00'); t < utc('2015-01-01T00:00:00'); t += 3_600_000) {
      const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
      if (etDate(t) !== `${p.year}-${p.month}-${p.day}` || etMinutes(t) !== Number(p.hour) * 60 + Number(p.minute)) bad.push(t);
    }
    expect(bad).toEqual([]);
  });
});

describe('NYSE calendar', () => {
  it('computes Easter', () => {
    expect(easter(2013)).toEqual([3, 31]);
    expect(easter(2014)).toEqual([4, 20]);
    expect(easter(2019)).toEqual([4, 21]);
    expect(easter(2038)).toEqual([4, 25]);
  });

  it('knows the 2023 holidays with weekend observance', () => {
    const holidays = ['2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19',
      '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25'];
    for (const d of holidays) expect(isTradingDay(d), d).toBe(false);
    expect(isTradingDay('2023-01-03')).toBe(true);
    expect(isTradingDay('2021-06-18')).toBe(true); // Juneteenth only from 2022
    expect(isTradingDay('2022-06-20')).toBe(false); // Juneteenth 2022 on Sunday → Monday
    expect(isTradingDay('2021-07-05')).toBe(false); // July 4 2021 on Sunday
    expect(isTradingDay('2015-07-03')).toBe(false); // July 4 2015 on Saturday
    expect(isTradingDay('2021-12-31')).toBe(true); // New Year 2022 on Saturday: not observed
    expect(isTradingDay('2022-12-26')).toBe(false); // Christmas on Sunday
  });

  it('knows half days (13:00 close, 17:00 end of after-hours)', () => {
    expect(isHalfDay('2013-07-03')).toBe(true);
    expect(isHalfDay('2013-11-29')).toBe(true);
    expect(isHalfDay('2013-12-24')).toBe(true);
    expect(isHalfDay('2015-07-02')).toBe(false); // July 3 2015 is the observed holiday
    expect(isHalfDay('2021-12-24')).toBe(false); // observed Christmas, closed
    expect(isHalfDay('2013-10-07')).toBe(false);
    const s = sessionFor('2013-11-29')!;
    expect(s.halfDay).toBe(true);
    expect(s.close).toBe(utc('2013-11-29T18:00:00'));
    expect(s.afterHoursClose).toBe(utc('2013-11-29T22:00:00'));
    expect(sessionFor('2013-11-28')).toBeNull();
  });

  it('gives sessions, previous sessions and phases', () => {
    const s = sessionFor('2013-10-07')!;
    expect(s).toEqual({
      date: '2013-10-07', premarketOpen: utc('2013-10-07T08:00:00'), open: utc('2013-10-07T13:30:00'),
      close: utc('2013-10-07T20:00:00'), afterHoursClose: utc('2013-10-08T00:00:00'), halfDay: false,
    });
    expect(previousSessions('2013-10-11', 6)).toEqual(['2013-10-10', '2013-10-09', '2013-10-08', '2013-10-07', '2013-10-04', '2013-10-03']);
    expect(previousSessions('2014-06-09', 1)).toEqual(['2014-06-06']);
    expect(nextTradingDay('2013-12-24')).toBe('2013-12-26');
    expect(marketPhase(utc('2013-10-07T07:59:59'))).toBe('closed');
    expect(marketPhase(utc('2013-10-07T08:00:00'))).toBe('premarket');
    expect(marketPhase(utc('2013-10-07T13:30:00'))).toBe('regular');
    expect(marketPhase(utc('2013-10-07T20:00:00'))).toBe('after');
    expect(marketPhase(utc('2013-10-08T00:00:00'))).toBe('closed');
    expect(marketPhase(utc('2013-11-29T18:30:00'))).toBe('after');
    expect(marketPhase(utc('2013-10-05T15:00:00'))).toBe('closed'); // Saturday
  });

  it('marketPhase remembers the day it last read but answers as the calendar does, in any order of instants', () => {
    const fresh = (ms: number) => {
      const s = sessionFor(etDate(ms));
      if (!s || ms < s.premarketOpen) return 'closed';
      return ms < s.open ? 'premarket' : ms < s.close ? 'regular' : ms < s.afterHoursClose ? 'after' : 'closed';
    };
    // Around DST switches, a half day, a holiday and a weekend, back and forth across midnights.
    const from = utc('2013-03-08T00:00:00');
    const to = utc('2013-11-30T00:00:00');
    fc.assert(fc.property(fc.array(fc.integer({ min: from, max: to }), { minLength: 1, maxLength: 40 }), (instants) => {
      for (const ms of instants) expect(marketPhase(ms)).toBe(fresh(ms));
      for (const ms of instants) expect(marketPhase(ms + 1)).toBe(fresh(ms + 1));
    }), { numRuns: 300 });
  });

  it('aligns bars on the ET grid', () => {
    const t = utc('2013-10-07T13:34:27');
    expect(barOpen(t, '1m')).toBe(utc('2013-10-07T13:34:00'));
    expect(barOpen(t, '5m')).toBe(utc('2013-10-07T13:30:00'));
    expect(barOpen(t, '15m')).toBe(utc('2013-10-07T13:30:00'));
    expect(barOpen(t, '1h')).toBe(utc('2013-10-07T13:00:00'));
    expect(barOpen(t, '5s')).toBe(utc('2013-10-07T13:34:25'));
    expect(barOpen(t, '1d')).toBe(utc('2013-10-07T04:00:00'));
    expect(barOpen(utc('2014-01-07T03:00:00'), '1d')).toBe(utc('2014-01-06T05:00:00'));
    expect(barClose(utc('2013-11-03T04:00:00'), '1d')).toBe(utc('2013-11-04T05:00:00'));
  });
});

describe.skipIf(!hasFixtures)('NYSE calendar vs 23 years of SPY sessions (fixtures)', () => {
  it('has a session exactly on the dates SPY traded, 1998-01-02..2021-03-31', () => {
    const rows = readFileSync(fixture('daily', 'SPY_daily.csv'), 'utf8').trim().split('\n').slice(1);
    const traded = new Set(rows.map((r) => r.slice(0, 10)));
    const mismatches: string[] = [];
    for (let d = '1998-01-02'; d <= '2021-03-31'; d = addDays(d, 1)) {
      if (isTradingDay(d) !== traded.has(d)) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
    expect(traded.size).toBe(rows.length);
  });
});
