import { describe, expect, it } from 'vitest';
import { parseExecTime } from '../../../../src-shared/domain/trades/exec-time';

// 2026-03-02 is before US DST (EST, UTC−5) and 2026-07-09 inside it (EDT, UTC−4); Berlin is UTC+1 in March.
const utc = (mo: number, d: number, h: number, mi: number, s: number) => Date.UTC(2026, mo - 1, d, h, mi, s);
const ny = { accountZone: 'America/New_York' };

describe('IB execution times', () => {
  it("reads TWS's bare 'yyyyMMdd  HH:mm:ss' in the account's zone, never the machine's", () => {
    expect(parseExecTime('20260302  09:31:05', ny)).toBe(utc(3, 2, 14, 31, 5));
    expect(parseExecTime('20260302  15:31:05', { accountZone: 'Europe/Berlin' })).toBe(utc(3, 2, 14, 31, 5));
    expect(parseExecTime('20260709  09:30:00', { accountZone: 'US/Eastern' })).toBe(utc(7, 9, 13, 30, 0));
  });

  it('a zone named in the text wins over the account zone', () => {
    expect(parseExecTime('20260302 09:31:05 America/New_York', { accountZone: 'Europe/Berlin' })).toBe(utc(3, 2, 14, 31, 5));
    expect(parseExecTime('20260302 09:31:05 US/Eastern', { accountZone: 'Asia/Tokyo' })).toBe(utc(3, 2, 14, 31, 5));
  });

  it("'yyyyMMdd-HH:mm:ss' is UTC", () => {
    expect(parseExecTime('20260302-14:31:05', { accountZone: 'Asia/Tokyo' })).toBe(utc(3, 2, 14, 31, 5));
  });

  it("Flex 'yyyyMMdd;HHmmss' and 'yyyy-MM-dd;HH:mm:ss' are in the Flex query's zone (ET by default)", () => {
    expect(parseExecTime('20260302;093105', ny)).toBe(utc(3, 2, 14, 31, 5));
    expect(parseExecTime('2026-07-09;09:30:00', ny)).toBe(utc(7, 9, 13, 30, 0));
    expect(parseExecTime('20260302;153105', { accountZone: 'America/New_York', flexZone: 'Europe/Berlin' })).toBe(utc(3, 2, 14, 31, 5));
  });

  it('refuses what it cannot read rather than guessing a zone', () => {
    expect(parseExecTime('20260302 09:31:05 Mars/Olympus', ny)).toBeUndefined();
    expect(parseExecTime('20260302  09:31:05', { accountZone: 'Nowhere/Land' })).toBeUndefined();
    expect(parseExecTime('20261302;093105', ny)).toBeUndefined();
    expect(parseExecTime('yesterday', ny)).toBeUndefined();
  });
});
