/** Reconnect delays: exponential with jitter and a cap, so a room full of clients does not retry in step. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  factor: number;
  /** Fraction of the delay randomised either way (0.2 = ±20 %). */
  jitter: number;
}

/**
 * Capped at 4 s: a gateway that restarts (IB resets it every day) must see the app back within 5 s of its
 * return, and an attempt on loopback or a LAN costs nothing.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 4_000, factor: 2, jitter: 0.2 };

/** Delay before attempt `attempt` (1-based). `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const raw = Math.min(policy.capMs, policy.baseMs * policy.factor ** (n - 1));
  const spread = raw * policy.jitter * (2 * random() - 1);
  return Math.round(Math.min(policy.capMs, Math.max(policy.baseMs * (1 - policy.jitter), raw + spread)));
}
