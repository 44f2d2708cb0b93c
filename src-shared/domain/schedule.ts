/**
 * Market-hours jobs on the ET calendar (the old tools' open scan, 16:00 reconcile, 17:00 report): a job
 * runs at an offset from a trading session's open or close, so half days move it (the 17:00 report runs at
 * 14:00 after a 13:00 close) and holidays and weekends have no run. Pure: instants in, instants out.
 */
import { z } from 'zod';
import { addDays } from './civil-date';
import { etDate } from './et-time';
import { sessionFor } from './market-time';

export const JobSpec = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  anchor: z.enum(['open', 'close']),
  /** Minutes after (or, negative, before) the anchor. */
  offsetMin: z.number().int().min(-600).max(600),
  enabled: z.boolean(),
});
export type JobSpec = z.infer<typeof JobSpec>;

/** The run time of a job on one ET date, or null when that date has no session. */
export function occurrenceOn(spec: JobSpec, date: string): number | null {
  const s = sessionFor(date);
  if (!s) return null;
  return (spec.anchor === 'open' ? s.open : s.close) + spec.offsetMin * 60_000;
}

/** The first run strictly after `after` (looks ahead up to three weeks of holidays). */
export function nextOccurrence(spec: JobSpec, after: number): number | null {
  let date = addDays(etDate(after), -1);
  for (let i = 0; i < 21; i++, date = addDays(date, 1)) {
    const t = occurrenceOn(spec, date);
    if (t !== null && t > after) return t;
  }
  return null;
}

/**
 * The one run to catch up at start: the latest occurrence in (lastRun, now], never older than
 * `maxAgeMs` (default a day). Older missed runs are not replayed one by one: a missed report is written
 * once, for the most recent day.
 */
export function catchUp(spec: JobSpec, lastRun: number | null, now: number, maxAgeMs = 86_400_000): number | null {
  const floor = Math.max(lastRun ?? -Infinity, now - maxAgeMs);
  let date = etDate(now);
  for (let i = 0; i < 10; i++, date = addDays(date, -1)) {
    const t = occurrenceOn(spec, date);
    if (t === null || t > now) continue;
    return t > floor ? t : null;
  }
  return null;
}
