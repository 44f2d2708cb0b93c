import { describe, expect, it } from 'vitest';
import { DASH, fmtAge, fmtBytes, fmtSpread, fmtPct, fmtPrice, fmtRate, fmtRatio, fmtVolume, signOf } from '../../../src-renderer/src/lib/format';
import { retryCountdownText, secondsUntil } from '../../../src-renderer/src/lib/countdown';
import { etOffsetMs, fmtEtTime, fromEtChartTime, toEtChartTime, etDateKey, etMinuteOfDay } from '../../../src-renderer/src/lib/et-time';

describe('format', () => {
  it('renders unknowns as a dash, never 0', () => {
    for (const f of [fmtPrice, fmtPct, fmtVolume, fmtRatio, fmtBytes, fmtRate]) {
      expect(f(null)).toBe(DASH);
      expect(f(undefined)).toBe(DASH);
      expect(f(Number.NaN)).toBe(DASH);
      expect(f(Number.POSITIVE_INFINITY)).toBe(DASH);
    }
  });
  it('formats prices by magnitude', () => {
    expect(fmtPrice(12.345)).toBe('12.35');
    expect(fmtPrice(0.5123)).toBe('0.5123');
    expect(fmtSpread(0.02)).toBe('0.02');
    expect(fmtSpread(0.0025)).toBe('0.0025');
    expect(fmtSpread(0.009999999999)).toBe('0.01');
  });
  it('signs percents', () => {
    expect(fmtPct(12.34)).toBe('+12.3%');
    expect(fmtPct(-3)).toBe('-3.0%');
    expect(fmtPct(0)).toBe('0.0%');
  });
  it('abbreviates volume', () => {
    expect(fmtVolume(950)).toBe('950');
    expect(fmtVolume(12_345)).toBe('12.3K');
    expect(fmtVolume(4_560_000)).toBe('4.56M');
    expect(fmtVolume(1_200_000_000)).toBe('1.20B');
  });
  it('formats bytes, rates, ratios, ages and signs', () => {
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(1536)).toBe('1.5 KB');
    expect(fmtBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(fmtRate(1234)).toBe('1.2k/s');
    expect(fmtRate(35.4)).toBe('35/s');
    expect(fmtRatio(3.456)).toBe('3.46x');
    expect(fmtAge(1000, 1500)).toBe('now');
    expect(fmtAge(0, 4_000)).toBe('4s');
    expect(fmtAge(0, 180_000)).toBe('3m');
    expect(fmtAge(null, 0)).toBe(DASH);
    expect(signOf(2)).toBe(1);
    expect(signOf(-2)).toBe(-1);
    expect(signOf(null)).toBe(0);
  });
});

describe('countdown', () => {
  it('rounds up and never goes negative', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(9_000, 10_000)).toBe(0);
  });
  it('reads as a trader expects', () => {
    expect(retryCountdownText(undefined, 0)).toBe('retry pending');
    expect(retryCountdownText(7_000, 0)).toBe('retry in 7s');
    expect(retryCountdownText(65_000, 0)).toBe('retry in 1m 05s');
    expect(retryCountdownText(1_000, 2_000)).toBe('retrying…');
  });
});

describe('et-time', () => {
  const summer = Date.UTC(2025, 6, 15, 13, 30, 5); // 09:30:05 EDT
  const winter = Date.UTC(2025, 0, 15, 14, 30, 0); // 09:30:00 EST
  it('knows the ET offset across DST regardless of the machine zone', () => {
    expect(etOffsetMs(summer)).toBe(-4 * 3_600_000);
    expect(etOffsetMs(winter)).toBe(-5 * 3_600_000);
  });
  it('formats ET clock times and days', () => {
    expect(fmtEtTime(summer)).toBe('09:30:05');
    expect(fmtEtTime(winter)).toBe('09:30:00');
    expect(fmtEtTime(null)).toBe('—');
    expect(etDateKey(Date.UTC(2025, 6, 16, 2, 0))).toBe('2025-07-15');
    expect(etMinuteOfDay(summer)).toBe(570);
  });
  it('shifts chart times so a UTC axis shows ET, and back', () => {
    expect(toEtChartTime(summer)).toBe(Date.UTC(2025, 6, 15, 9, 30, 5) / 1000);
    expect(fromEtChartTime(toEtChartTime(winter))).toBe(winter);
    expect(fromEtChartTime(toEtChartTime(summer - 5000))).toBe(summer - 5000);
  });
});
