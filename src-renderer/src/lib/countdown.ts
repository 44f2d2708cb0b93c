/** Seconds until `target`, never negative, rounded up so "1s" shows until the instant passes. */
export function secondsUntil(target: number, now: number): number {
  return Math.max(0, Math.ceil((target - now) / 1000));
}

/** "retry in 7s" / "retry in 1m 05s" / "retrying…" for the reconnect countdown. */
export function retryCountdownText(nextRetryAt: number | undefined, now: number): string {
  if (nextRetryAt === undefined) return 'retry pending';
  const s = secondsUntil(nextRetryAt, now);
  if (s <= 0) return 'retrying…';
  if (s < 60) return `retry in ${s}s`;
  return `retry in ${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}
