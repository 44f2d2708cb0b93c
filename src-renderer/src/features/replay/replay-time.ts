/** Time helpers for the replay transport: ET wall clock text ↔ instants of the replay's day. Pure. */
import { etMsOfDay, etAtMsOfDay } from '../../../../src-shared/domain/et-time';

/** "HH:MM[:SS[.mmm]]" → ms since ET midnight, or null when it is not a time. */
export function parseEtClock(text: string): number | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*$/.exec(text);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  return ((h * 60 + mi) * 60 + s) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'));
}

/** The instant of an ET clock time on the replay's date, clamped into [start, end]; null when unparsable. */
export function jumpTarget(text: string, date: string, start: number, end: number): number | null {
  const ms = parseEtClock(text);
  if (ms === null) return null;
  return Math.min(end, Math.max(start, etAtMsOfDay(date, ms)));
}

/** "HH:MM:SS.mmm" ET of an instant. */
export function fmtEtClockMs(ts: number): string {
  const ms = etMsOfDay(Math.round(ts));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}`;
}

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 'max'] as const;
export type Speed = (typeof SPEEDS)[number];

/** The next speed up (+1) or down (−1) the ladder of speeds, staying at the ends. */
export function nextSpeed(s: Speed, dir: 1 | -1): Speed {
  const i = SPEEDS.indexOf(s);
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 3 : i) + dir))];
}

/** Timeline x → instant, clamped to the span. */
export function timelineTs(x: number, width: number, start: number, end: number): number {
  const f = Math.min(1, Math.max(0, x / Math.max(1, width)));
  return Math.round(start + f * (end - start));
}
