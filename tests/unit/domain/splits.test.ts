import { describe, expect, it } from 'vitest';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { parseFactorFile, snapRatio, splitAdjustBars, splitRatioOn, splitsFromFactors } from '../../../src-shared/domain/splits';
import { hasFixtures } from '../../support/fixtures';
import { factorText } from './fixture-data';

describe('split factors', () => {
  it('turns factor rows into splits effective the next session', () => {
    const rows = parseFactorFile('20140606,0.9,0.0357143,645.57\n20140806,0.9,0.25,94.97\n20140905,0.9,0.25,100\n20501231,1,1,0\n');
    expect(splitsFromFactors(rows)).toEqual([
      { date: '2014-06-09', ratio: 7 },
      { date: '2014-09-08', ratio: 4 },
    ]);
    expect(snapRatio(1 / 3 + 1e-8)).toBeCloseTo(1 / 3, 12);
    expect(snapRatio(1.5000001)).toBe(1.5);
  });

  it('adjusts bars before a split into post-split terms', () => {
    const bar = (date: string, c: number, v: number) => ({ tsOpen: etToEpoch(date, 0, 0), open: c, high: c, low: c, close: c, volume: v });
    const splits = [{ date: '2014-06-09', ratio: 7 }];
    const out = splitAdjustBars([bar('2014-06-06', 700, 10), bar('2014-06-09', 100, 70)], splits, '2014-06-10');
    expect(out[0]).toMatchObject({ close: 100, volume: 70 });
    expect(out[1]).toMatchObject({ close: 100, volume: 70 });
    expect(splitAdjustBars([bar('2014-06-06', 700, 10)], splits, '2014-06-06')[0].close).toBe(700);
  });
});

describe.skipIf(!hasFixtures)('LEAN factor files (fixtures)', () => {
  it('finds AAPL 2:1 (2000, 2005), 7:1 (2014-06-09) and 4:1 (2020-08-31)', () => {
    const splits = splitsFromFactors(parseFactorFile(factorText('AAPL')));
    expect(splits).toEqual([
      { date: '2000-06-21', ratio: 2 },
      { date: '2005-02-28', ratio: 2 },
      { date: '2014-06-09', ratio: 7 },
      { date: '2020-08-31', ratio: 4 },
    ]);
    expect(splitRatioOn(splits, '2014-06-09')).toBe(7);
    expect(splitRatioOn(splits, '2014-06-10')).toBe(1);
  });

  it('finds IBM 2:1 in 1999 and no SPY split', () => {
    expect(splitsFromFactors(parseFactorFile(factorText('IBM')))).toEqual([{ date: '1999-05-27', ratio: 2 }]);
    expect(splitsFromFactors(parseFactorFile(factorText('SPY')))).toEqual([]);
  });
});
