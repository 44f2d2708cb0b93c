import { describe, expect, it } from 'vitest';
import { dailyMetrics } from '../../../src-shared/domain/daily-metrics';
import {
  cumulativeVolume, dailyRvol, gapPct, lastPremarketPrice, sessionGap, sessionVolumes, spreadOf, timeOfDayRvol, todayCumulativeFromBars,
} from '../../../src-shared/domain/gap-rvol';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { parseFactorFile, splitsFromFactors } from '../../../src-shared/domain/splits';
import { hasFixtures } from '../../support/fixtures';
import { MINUTE_DATES, dailyBars, dailyRows, factorText, minuteRows } from './fixture-data';

const MIN = 60_000;

describe('gap, RVOL and spread never invent numbers', () => {
  it('returns null instead of 0, Infinity or NaN', () => {
    expect(gapPct(10, 0)).toBeNull();
    expect(gapPct(null, 10)).toBeNull();
    expect(gapPct(NaN, 10)).toBeNull();
    expect(gapPct(11, 10)).toBeCloseTo(10, 12);
    expect(dailyRvol(100, [])).toEqual({ rvol: null, baseline: null, sessionsUsed: 0 });
    expect(dailyRvol(100, [0, 0]).rvol).toBeNull();
    expect(dailyRvol(null, [10]).rvol).toBeNull();
    expect(dailyRvol(30, [10, 20, 30], 2)).toEqual({ rvol: 30 / 25, baseline: 25, sessionsUsed: 2 });
    expect(spreadOf(10, 9.9)).toEqual({ spread: null, spreadPct: null }); // crossed
    expect(spreadOf(undefined, 10).spreadPct).toBeNull();
    const s = spreadOf(9.99, 10.01);
    expect(s.spread).toBeCloseTo(0.02, 12);
    expect(s.spreadPct).toBeCloseTo(0.2, 12);
  });

  it('follows the premarket trade before 09:30, then the official open; frozen from 09:30', () => {
    const d = '2014-06-09';
    const base = { prevClose: 645.57, splitRatio: 7, lastPremarketPrice: 93.1, officialOpen: null };
    const pre = sessionGap({ ...base, now: etToEpoch(d, 9, 29, 59) });
    expect(pre.frozen).toBe(false);
    expect(pre.basis).toBe('premarket');
    expect(pre.gapPct).toBeCloseTo(100 * (93.1 * 7 / 645.57 - 1), 9);
    const waiting = sessionGap({ ...base, now: etToEpoch(d, 9, 30, 1) });
    expect(waiting).toEqual({ ...pre, frozen: true });
    const open = sessionGap({ ...base, officialOpen: 92.69, now: etToEpoch(d, 9, 31) });
    expect(open.basis).toBe('open');
    expect(open.gapPct).toBeCloseTo(100 * (92.69 * 7 / 645.57 - 1), 9);
    expect(sessionGap({ ...base, prevClose: null, now: etToEpoch(d, 8, 0) }).gapPct).toBeNull();
  });

  it('leaves sessions without bars out of the time-of-day baseline (a recent listing)', () => {
    const day = (date: string, v: number) => ({ date, bars: [{ tsOpen: etToEpoch(date, 9, 30), open: 1, high: 1, low: 1, close: 1, volume: v }] });
    const r = timeOfDayRvol(300, [day('2013-10-10', 100), { date: '2013-10-09', bars: [] }, day('2013-10-08', 200)], etToEpoch('2013-10-11', 9, 31), '09:30');
    expect(r).toEqual({ rvol: 2, baseline: 150, sessionsUsed: 2 });
    expect(timeOfDayRvol(300, [], etToEpoch('2013-10-11', 9, 31), '09:30')).toEqual({ rvol: null, baseline: null, sessionsUsed: 0 });
    expect(timeOfDayRvol(300, [day('2013-10-10', 100)], etToEpoch('2013-10-11', 9, 30), '09:30').rvol).toBeNull();
  });

  it('reads compact session volumes exactly as bars, the straddling bar pro rata', () => {
    const date = '2013-10-10';
    const t0 = etToEpoch(date, 9, 30);
    const bars = [0, 1, 2, 3].map((i) => ({ tsOpen: t0 + i * MIN, open: 1, high: 1, low: 1, close: 1, volume: 100 * (i + 1) }));
    const compact = sessionVolumes({ date, bars });
    expect([...compact.tsOpen]).toEqual(bars.map((b) => b.tsOpen));
    expect([...compact.volume]).toEqual([100, 200, 300, 400]);
    const now = etToEpoch('2013-10-11', 9, 32) + 30_000;
    expect(timeOfDayRvol(1000, [compact], now, '09:30')).toEqual(timeOfDayRvol(1000, [{ date, bars }], now, '09:30'));
    expect(timeOfDayRvol(1000, [compact], now, '09:30').baseline).toBe(100 + 200 + 150);
    expect(timeOfDayRvol(1000, [{ ...compact, tsOpen: new Float64Array(0), volume: new Float64Array(0) }], now, '09:30').sessionsUsed).toBe(0);
  });

  it('counts the bar straddling t pro rata', () => {
    const t0 = etToEpoch('2013-10-07', 9, 30);
    const bars = [0, 1, 2].map((i) => ({ tsOpen: t0 + i * MIN, open: 1, high: 1, low: 1, close: 1, volume: 600 }));
    expect(cumulativeVolume(bars, t0, t0 + 2 * MIN)).toBe(1200);
    expect(cumulativeVolume(bars, t0, t0 + 2.5 * MIN)).toBe(1500);
    expect(cumulativeVolume(bars, t0 + MIN, t0 + 10 * MIN)).toBe(1200);
  });
});

describe.skipIf(!hasFixtures)('daily gap and RVOL on real data (fixtures)', () => {
  const cases: Record<string, string[]> = {
    SPY: ['2013-10-07', '2013-10-08', '2013-10-11', '2008-10-10', '2020-03-16'],
    IBM: ['2013-10-07', '2013-10-09', '2013-10-11', '2008-10-10', '2020-03-16'],
  };
  for (const [symbol, dates] of Object.entries(cases)) {
    it(`${symbol}: gap at the open and 20-day RVOL match the raw CSV`, () => {
      const rows = dailyRows(symbol);
      const bars = dailyBars(rows);
      const splits = splitsFromFactors(parseFactorFile(factorText(symbol)));
      for (const date of dates) {
        const i = rows.findIndex((r) => r.date === date);
        const expectedGap = (100 * (rows[i].open - rows[i - 1].close)) / rows[i - 1].close;
        let sum = 0;
        for (let k = i - 20; k < i; k++) sum += rows[k].volume;
        const m = dailyMetrics(bars, date, splits, 20)!;
        expect(m.gapPct, `${symbol} ${date}`).toBeCloseTo(expectedGap, 10);
        expect(m.dailyRvol.rvol, `${symbol} ${date}`).toBeCloseTo(rows[i].volume / (sum / 20), 10);
        expect(m.dailyRvol.sessionsUsed).toBe(20);
      }
    });
  }

  it('SPY 2013-10-07 by hand: open 167.43 vs close 168.89', () => {
    const m = dailyMetrics(dailyBars(dailyRows('SPY')), '2013-10-07')!;
    expect(m.gapPct).toBeCloseTo(-0.86447, 4);
  });

  it('AAPL 2014-06-09 (7:1 split): no phantom −85 % gap; RVOL compares like with like', () => {
    const rows = dailyRows('AAPL');
    const splits = splitsFromFactors(parseFactorFile(factorText('AAPL')));
    const i = rows.findIndex((r) => r.date === '2014-06-09');
    const naive = (100 * (rows[i].open - rows[i - 1].close)) / rows[i - 1].close;
    expect(naive).toBeLessThan(-85);
    const m = dailyMetrics(dailyBars(rows), '2014-06-09', splits)!;
    expect(m.prevClose).toBeCloseTo(645.57 / 7, 10);
    expect(m.gapPct).toBeCloseTo(100 * ((rows[i].open * 7) / rows[i - 1].close - 1), 10);
    expect(Math.abs(m.gapPct!)).toBeLessThan(1);
    let sum = 0;
    for (let k = i - 20; k < i; k++) sum += rows[k].volume * 7;
    expect(m.dailyRvol.rvol).toBeCloseTo(rows[i].volume / (sum / 20), 10);
    // the day after, nothing is adjusted any more
    const next = dailyMetrics(dailyBars(rows), '2014-06-10', splits)!;
    expect(next.gapPct).toBeCloseTo((100 * (rows[i + 1].open - rows[i].close)) / rows[i].close, 10);
  });
});

describe.skipIf(!hasFixtures)('time-of-day RVOL from 1-minute bars (fixtures)', () => {
  // Only five sessions precede 2013-10-11 in the fixtures: the mean is over those five (sessionsUsed = 5).
  const today = '2013-10-11';
  const past = MINUTE_DATES.filter((d) => d < today);
  const windowSum = (symbol: string, date: string, fromMin: number, toMin: number) =>
    minuteRows(symbol, date).filter((r) => r.msOfDay >= fromMin * MIN && r.msOfDay < toMin * MIN).reduce((a, r) => a + r.volume, 0);

  for (const symbol of ['IBM', 'SPY']) {
    it(`${symbol} ${today}: regular RVOL at 10:00 and premarket RVOL at 09:00`, () => {
      const history = past.map((date) => ({ date, bars: minuteRows(symbol, date) }));
      const todayBars = minuteRows(symbol, today);
      for (const [anchor, fromMin, hh, toMin] of [['09:30', 570, 10, 600], ['04:00', 240, 9, 540]] as const) {
        const now = etToEpoch(today, hh, 0);
        const cum = todayCumulativeFromBars(todayBars, now, anchor);
        expect(cum).toBe(windowSum(symbol, today, fromMin, toMin));
        const mean = past.reduce((a, d) => a + windowSum(symbol, d, fromMin, toMin), 0) / past.length;
        const r = timeOfDayRvol(cum, history, now, anchor, 20);
        expect(r.sessionsUsed).toBe(5);
        expect(r.baseline).toBeCloseTo(mean, 6);
        expect(r.rvol, `${symbol} ${anchor}`).toBeCloseTo(cum / mean, 10);
        // The compact form the scanner holds gives the same figures, bar for bar.
        expect(timeOfDayRvol(cum, history.map(sessionVolumes), now, anchor, 20)).toEqual(r);
      }
    });
  }

  it('uses only the N most recent sessions', () => {
    const history = past.map((date) => ({ date, bars: minuteRows('SPY', date) }));
    const now = etToEpoch(today, 10, 0);
    const r = timeOfDayRvol(1_000_000, history, now, '09:30', 2);
    const mean = (windowSum('SPY', '2013-10-10', 570, 600) + windowSum('SPY', '2013-10-09', 570, 600)) / 2;
    expect(r.sessionsUsed).toBe(2);
    expect(r.rvol).toBeCloseTo(1_000_000 / mean, 10);
  });

  it('is not cumulative intraday ÷ full-day average', () => {
    const history = past.map((date) => ({ date, bars: minuteRows('SPY', date) }));
    const now = etToEpoch(today, 10, 0);
    const cum = windowSum('SPY', today, 570, 600);
    const fullDayMean = past.reduce((a, d) => a + windowSum('SPY', d, 570, 960), 0) / past.length;
    const r = timeOfDayRvol(cum, history, now, '09:30');
    expect(r.rvol!).toBeGreaterThan(3 * (cum / fullDayMean));
  });

  it('finds the last premarket trade for the premarket gap (IBM 2013-10-07)', () => {
    const bars = minuteRows('IBM', '2013-10-07');
    const pre = bars.filter((b) => b.msOfDay < 570 * MIN);
    expect(lastPremarketPrice(bars, '2013-10-07')).toBe(pre[pre.length - 1].close);
    const prevClose = dailyRows('IBM').find((r) => r.date === '2013-10-04')!.close;
    const g = sessionGap({ now: etToEpoch('2013-10-07', 9, 0), prevClose, lastPremarketPrice: lastPremarketPrice(bars, '2013-10-07'), officialOpen: null });
    expect(g.gapPct).toBeCloseTo((100 * (pre[pre.length - 1].close - prevClose)) / prevClose, 10);
  });
});
