import { describe, expect, it } from 'vitest';
import { costVerdict, fmtBytes, progressWords } from '../../../src-renderer/src/features/backfill/databento-view';

const cost = (c: number, cached = false) => ({ symbol: 'NVDA', date: '2020-12-28', dataset: 'XNAS.ITCH', startMs: 0, endMs: 1, cost: c, cached });

describe('DataBento panel words', () => {
  it('asks for a confirmation only above the trader\'s cost limit, and never for a file already on disk', () => {
    expect(costVerdict(cost(0.42), 5)).toEqual({ needsConfirm: false, text: 'DataBento charges $0.42 for this window (your limit is $5.00).' });
    expect(costVerdict(cost(12.5), 5).needsConfirm).toBe(true);
    expect(costVerdict(cost(12.5), 5).text).toMatch(/\$13, above your limit of \$5\.00/);
    expect(costVerdict(cost(99, true), 5)).toEqual({ needsConfirm: false, text: 'Already downloaded: importing again costs nothing.' });
    expect(costVerdict(cost(5), 5).needsConfirm).toBe(false);
  });

  it('says each phase and the bytes so far', () => {
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    const p = { jobId: 'j', symbol: 'NVDA', date: '2020-12-28', bytes: 2048, cost: 0.42, message: '' };
    expect(progressWords({ ...p, phase: 'download' })).toBe('NVDA 2020-12-28: downloading · 2.0 KB');
    expect(progressWords({ ...p, phase: 'failed', bytes: 0, message: 'Databento said 401' })).toBe('NVDA 2020-12-28: failed · Databento said 401');
  });
});
