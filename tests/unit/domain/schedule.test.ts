import { describe, expect, it } from 'vitest';
import { etToEpoch } from '../../../src-shared/domain/et-time';
import { type JobSpec, catchUp, nextOccurrence, occurrenceOn } from '../../../src-shared/domain/schedule';

const report: JobSpec = { id: 'report', anchor: 'close', offsetMin: 60, enabled: true };
const openScan: JobSpec = { id: 'open-scan', anchor: 'open', offsetMin: -30, enabled: true };

describe('market-hours schedule', () => {
  it('runs relative to the session: 17:00 ET normally, 14:00 after a half day, never on holidays or weekends', () => {
    expect(occurrenceOn(report, '2026-03-02')).toBe(etToEpoch('2026-03-02', 17, 0));
    expect(occurrenceOn(openScan, '2026-03-02')).toBe(etToEpoch('2026-03-02', 9, 0));
    expect(occurrenceOn(report, '2026-11-27')).toBe(etToEpoch('2026-11-27', 14, 0)); // day after Thanksgiving closes 13:00
    expect(occurrenceOn(report, '2026-11-26')).toBeNull(); // Thanksgiving
    expect(occurrenceOn(report, '2026-03-07')).toBeNull(); // Saturday
  });

  it('the next run skips weekends and holidays', () => {
    expect(nextOccurrence(report, etToEpoch('2026-03-02', 16, 59))).toBe(etToEpoch('2026-03-02', 17, 0));
    expect(nextOccurrence(report, etToEpoch('2026-03-02', 17, 0))).toBe(etToEpoch('2026-03-03', 17, 0));
    expect(nextOccurrence(report, etToEpoch('2026-03-06', 18, 0))).toBe(etToEpoch('2026-03-09', 17, 0)); // Fri → Mon
    expect(nextOccurrence(report, etToEpoch('2026-11-25', 18, 0))).toBe(etToEpoch('2026-11-27', 14, 0));
  });

  it('a missed run is caught up once, only the latest, and not when already done', () => {
    const tue10 = etToEpoch('2026-03-03', 10, 0);
    expect(catchUp(report, etToEpoch('2026-03-01', 17, 0), tue10)).toBe(etToEpoch('2026-03-02', 17, 0));
    expect(catchUp(report, etToEpoch('2026-03-02', 17, 0, 5), tue10)).toBeNull(); // ran after it
    expect(catchUp(report, null, tue10)).toBe(etToEpoch('2026-03-02', 17, 0)); // within a day
    expect(catchUp(report, null, etToEpoch('2026-03-10', 10, 0), 3_600_000)).toBeNull(); // too old to be worth it
    // Monday morning after a weekend: Friday's report is the one to catch up.
    expect(catchUp(report, etToEpoch('2026-03-05', 17, 0), etToEpoch('2026-03-09', 8, 0), 4 * 86_400_000)).toBe(etToEpoch('2026-03-06', 17, 0));
  });
});
