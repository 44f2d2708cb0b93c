/**
 * IB's tick-by-tick rules as pure functions: a cap on simultaneous streams (the depth formula, 3 on most
 * accounts; error 10190 beyond it) and no second request for the same instrument within 15 s.
 */
import type { TapeSource } from './port';

export const TBT_REPEAT_MS = 15_000;
/** Added to the window: the gateway measures on arrival, we measure on send. */
export const TBT_REPEAT_MARGIN_MS = 250;

/**
 * What "the same request" means for the 15 s rule. Keyed by instrument AND tick type: IB's own samples send
 * Last, AllLast and BidAsk for one contract back to back, and a recording needs trades and quotes together.
 */
export const tbtRequestKey = (conId: number, symbol: string, kind: string): string => `${conId || symbol}:${kind}`;

/** Milliseconds until a tick-by-tick request may be sent again (0 = now). */
export function tbtRepeatDelay(lastSentAt: number | undefined, now: number, windowMs = TBT_REPEAT_MS + TBT_REPEAT_MARGIN_MS): number {
  return lastSentAt === undefined ? 0 : Math.max(0, lastSentAt + windowMs - now);
}

/** When each tick-by-tick request was last sent, by `tbtRequestKey`. */
export class TbtRequestLog {
  private readonly sent = new Map<string, number>();

  constructor(private readonly windowMs = TBT_REPEAT_MS + TBT_REPEAT_MARGIN_MS) {}

  record(key: string, at: number): void {
    this.sent.delete(key); // keep insertion order = time order for pruning
    this.sent.set(key, at);
    for (const [k, t] of this.sent) {
      if (t > at - this.windowMs) break;
      this.sent.delete(k);
    }
  }

  delay(key: string, now: number): number {
    return tbtRepeatDelay(this.sent.get(key), now, this.windowMs);
  }
}

/**
 * IB's cap, learnt from a 10190 for `refusedReqId`. IB answers in order, so every tick-by-tick request sent
 * before the refused one and still live was accepted; those sent after it are still undecided.
 */
export function tbtLimitFromRefusal(liveTbtReqIds: readonly number[], refusedReqId: number): number {
  return liveTbtReqIds.filter((id) => id < refusedReqId).length;
}

/** Where a new tape goes: straight to RT_VOLUME once the known cap is taken (no request IB will refuse). */
export function chooseTapeSource(limit: number | undefined, tbtInUse: number): TapeSource {
  return limit !== undefined && tbtInUse >= limit ? 'rt-volume' : 'tick-by-tick';
}

export const tbtLimitReason = (limit: number | undefined): string =>
  `IB's tick-by-tick limit${limit !== undefined ? ` (${limit})` : ''} reached`;
