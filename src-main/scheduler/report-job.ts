import { etDate } from '../../src-shared/domain/et-time';
import type { JobSpec } from '../../src-shared/domain/schedule';
import type { HistoryService } from '../history/history-service';
import type { ReportsService } from '../reports/reports-service';
import type { ScheduledJob } from './scheduler-service';

/** The old tools' 17:00 ET report: an hour after the close (14:00 after a half day). */
export const DAILY_REPORT_JOB: JobSpec = { id: 'daily-report', anchor: 'close', offsetMin: 60, enabled: true };

/** Writes the day's report when the day has fills; a day without trades is logged as skipped. */
export function dailyReportJob(history: HistoryService, reports: ReportsService, spec: JobSpec = DAILY_REPORT_JOB): ScheduledJob {
  return {
    spec,
    async run(scheduledFor) {
      const date = etDate(scheduledFor);
      if (history.fills({ from: date, to: date }).length === 0) return { outcome: 'skipped', message: `no fills on ${date}` };
      const r = await reports.build({ date });
      return r.ok ? { outcome: 'ok', message: r.value.dir } : { outcome: 'failed', message: r.error.message };
    },
  };
}
