/** A BrokerPort double for recorder tests: records subscriptions and lets the test drive their owners. */
import { err, ok, type Result } from '../../../src-shared/contract/result';
import type { Instrument } from '../../../src-shared/domain/instrument';
import type { BrokerPort, DepthOwner, Subscription, TapeOwner } from '../../../src-main/broker/port';

export interface FakeSub<O> {
  symbol: string;
  owner: O;
  disposed: boolean;
  reqId: number;
  kind?: 'AllLast' | 'BidAsk';
}

export class FakeBroker {
  readonly depth: Array<FakeSub<DepthOwner>> = [];
  readonly tape: Array<FakeSub<TapeOwner>> = [];
  readonly unknown = new Set<string>();
  /** Subscribe and dispose calls in order, e.g. `+depth AAA`, `-tape:AllLast AAA`. */
  readonly log: string[] = [];
  /** Resolutions the test releases by hand (`resolveGate.release()`), to act while a symbol resolves. */
  resolveGate: { promise: Promise<void>; release: () => void } | null = null;
  private nextReqId = 1;

  liveDepth(): string[] {
    return this.depth.filter((s) => !s.disposed).map((s) => s.symbol);
  }
  depthOf(symbol: string): FakeSub<DepthOwner> {
    const s = [...this.depth].reverse().find((x) => x.symbol === symbol && !x.disposed);
    if (!s) throw new Error(`no live depth for ${symbol}`);
    return s;
  }
  tapeOf(symbol: string, kind: 'AllLast' | 'BidAsk'): FakeSub<TapeOwner> {
    const s = this.tape.find((x) => x.symbol === symbol && x.kind === kind && !x.disposed);
    if (!s) throw new Error(`no live ${kind} tape for ${symbol}`);
    return s;
  }

  liveTape(kind: 'AllLast' | 'BidAsk'): string[] {
    return this.tape.filter((s) => !s.disposed && s.kind === kind).map((s) => s.symbol);
  }

  gateResolve(): void {
    let release = () => {};
    const promise = new Promise<void>((r) => (release = r));
    this.resolveGate = { promise, release };
  }

  private sub<O>(list: Array<FakeSub<O>>, symbol: string, owner: O, kind?: 'AllLast' | 'BidAsk'): Subscription {
    const rec: FakeSub<O> = { symbol, owner, disposed: false, reqId: this.nextReqId++, kind };
    const what = kind ? `tape:${kind}` : 'depth';
    list.push(rec);
    this.log.push(`+${what} ${symbol}`);
    return {
      reqId: rec.reqId,
      dispose: () => {
        if (!rec.disposed) this.log.push(`-${what} ${symbol}`);
        rec.disposed = true;
      },
    };
  }

  readonly port: BrokerPort = {
    status: () => ({}) as never,
    onStatus: () => ({ dispose() {} }),
    resolve: async (symbol: string): Promise<Result<Instrument>> => {
      if (this.resolveGate) await this.resolveGate.promise;
      if (this.unknown.has(symbol)) return err('NOT_FOUND', `IB does not know the symbol ${symbol}.`, 200);
      return ok({ symbol, conId: symbol.charCodeAt(0) * 1000 + symbol.length, exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 });
    },
    subscribeQuotes: () => ({ reqId: 0, dispose() {} }),
    subscribeDepth: (instrument, _o, owner) => this.sub(this.depth, instrument.symbol, owner),
    subscribeTape: (instrument, kind, owner) => this.sub(this.tape, instrument.symbol, owner, kind),
    subscribeScanner: () => ({ reqId: 0, dispose() {} }),
    subscribeRealtimeBars: () => ({ reqId: 0, dispose() {} }),
    historicalBars: async () => ok([]),
  };
}
