import { describe, expect, it } from 'vitest';
import { etaMs, fmtDuration, parseSymbols, share, upsertJob } from '../../../src-renderer/src/features/backfill/backfill-view';
import type { BackfillJobInfo } from '../../../src-shared/contract/features/backfill';

const job = (over: Partial<BackfillJobInfo> = {}): BackfillJobInfo => ({
  jobId: '0123456789abcdef', state: 'running', symbols: ['AAPL'], start: '2025-03-03', end: '2025-03-07', tasksDone: 0, tasksTotal: 10, requests: 0,
  summary: null, error: null, startedAt: 1_000_000, ...over,
});

describe('backfill view helpers', () => {
  it('parses typed symbols: any separator, upper case, de-duplicated in order', () => {
    expect(parseSymbols(' aapl, msft;tsla  AAPL\nnvda ')).toEqual(['AAPL', 'MSFT', 'TSLA', 'NVDA']);
    expect(parseSymbols(' , ')).toEqual([]);
  });

  it('formats durations in words', () => {
    expect(fmtDuration(0)).toBe('none');
    expect(fmtDuration(42_000)).toBe('42 s');
    expect(fmtDuration(754_000)).toBe('12 min 34 s');
    expect(fmtDuration(600_000)).toBe('10 min');
    expect(fmtDuration(7_380_000)).toBe('2 h 3 min');
  });

  it('estimates the time left from the pace so far, the plan before the first task, 0 when finished', () => {
    expect(etaMs(job({ tasksDone: 4 }), 1_000_000 + 40_000)).toBe(60_000);
    expect(etaMs(job(), 1_100_000, 90_000)).toBe(90_000);
    expect(etaMs(job(), 1_100_000)).toBeUndefined();
    expect(etaMs(job({ state: 'done', tasksDone: 10 }), 2_000_000)).toBe(0);
    expect(etaMs(job({ tasksDone: 10 }), 2_000_000)).toBe(0);
  });

  it('clamps progress shares and upserts jobs by id, new ones first', () => {
    expect(share(3, 4)).toBe(0.75);
    expect(share(5, 4)).toBe(1);
    expect(share(0, 0)).toBe(0);
    const a = job();
    const b = job({ jobId: 'fedcba9876543210' });
    const list = upsertJob(upsertJob([], a), b);
    expect(list.map((j) => j.jobId)).toEqual([b.jobId, a.jobId]);
    expect(upsertJob(list, { ...a, tasksDone: 7 }).find((j) => j.jobId === a.jobId)?.tasksDone).toBe(7);
  });
});
