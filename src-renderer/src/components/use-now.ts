import { useEffect, useState } from 'react';
import { appNow } from '../lib/app-clock';

/** Main's current time (see lib/app-clock), refreshed every `intervalMs` while enabled (for countdowns and ages). */
export function useNow(intervalMs = 1000, enabled = true): number {
  const [now, setNow] = useState(() => appNow());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(appNow());
    // Refresh right away (the value may be stale from while disabled), then on the interval.
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [intervalMs, enabled]);
  return now;
}
