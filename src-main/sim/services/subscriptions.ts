/** A session's live subscriptions, by kind and reqId, so cancels, 1101 and disconnects release them. */

export type SimSubKind = 'mkt' | 'depth' | 'tbt' | 'scan' | 'hist' | 'rtb' | 'pnl' | 'pnlSingle' | 'acctSum' | 'positions' | 'acctUpdates' | 'acctMulti' | 'posMulti';

/** Kinds that IB drops on 1101 ("data lost"): the market-data family. */
const MARKET_DATA_KINDS: ReadonlySet<SimSubKind> = new Set(['mkt', 'depth', 'tbt', 'scan', 'hist', 'rtb']);

export interface SimSub {
  dispose(): void;
  /** Called when streams go live again after 1100/farm loss with data kept. */
  resume?(): void;
  /** conId when the subscription is about one instrument (for depth faults). */
  conId?: number;
}

export class SimSubscriptions {
  private readonly byKind = new Map<SimSubKind, Map<number, SimSub>>();

  add(kind: SimSubKind, reqId: number, sub: SimSub): void {
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    m.get(reqId)?.dispose();
    m.set(reqId, sub);
  }

  has(kind: SimSubKind, reqId: number): boolean {
    return this.byKind.get(kind)?.has(reqId) ?? false;
  }

  get(kind: SimSubKind, reqId: number): SimSub | undefined {
    return this.byKind.get(kind)?.get(reqId);
  }

  count(kind: SimSubKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  entries(kind: SimSubKind): Array<[number, SimSub]> {
    return [...(this.byKind.get(kind) ?? new Map<number, SimSub>()).entries()];
  }

  /** Disposes and forgets; false when there was nothing to cancel. */
  cancel(kind: SimSubKind, reqId: number): boolean {
    const m = this.byKind.get(kind);
    const sub = m?.get(reqId);
    if (!sub) return false;
    m!.delete(reqId);
    sub.dispose();
    return true;
  }

  dropMarketData(): void {
    for (const kind of MARKET_DATA_KINDS) for (const [reqId] of this.entries(kind)) this.cancel(kind, reqId);
  }

  resumeAll(): void {
    for (const m of this.byKind.values()) for (const sub of m.values()) sub.resume?.();
  }

  disposeAll(): void {
    for (const m of this.byKind.values()) for (const sub of m.values()) sub.dispose();
    this.byKind.clear();
  }
}
