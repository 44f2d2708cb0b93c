/**
 * A socket can die without a FIN (sleeping laptop, NAT timeout): TCP then looks open forever. The broker
 * sends reqCurrentTime every few seconds; any received byte counts as life, and long silence means dead.
 */
export interface HeartbeatPolicy {
  everyMs: number;
  silentAfterMs: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatPolicy = { everyMs: 5_000, silentAfterMs: 15_000 };

export type HeartbeatVerdict = { kind: 'ping' } | { kind: 'dead'; reason: string };

export function heartbeatVerdict(lastRx: number, now: number, policy: HeartbeatPolicy = DEFAULT_HEARTBEAT): HeartbeatVerdict {
  const silence = now - lastRx;
  if (silence > policy.silentAfterMs) return { kind: 'dead', reason: `no data from TWS for ${Math.round(silence / 1000)} s (socket silent)` };
  return { kind: 'ping' };
}
