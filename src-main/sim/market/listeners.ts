import type { SimDepthOp, SimQuote, SimTrade, Unsubscribe } from './types';

type Fn<T> = (value: T) => void;

/** Calls every listener; one that throws must not starve the others or stop the ticker. */
function fanOut<T>(set: Set<Fn<T>>, value: T): void {
  for (const fn of set) {
    try {
      fn(value);
    } catch {
      // A consumer's bug stays the consumer's: the market keeps running.
    }
  }
}

function add<T>(set: Set<Fn<T>>, fn: Fn<T>, onEmpty: () => void): Unsubscribe {
  // Wrap so the same function subscribed twice gets two independent subscriptions.
  const own: Fn<T> = (v) => fn(v);
  set.add(own);
  return () => {
    if (set.delete(own)) onEmpty();
  };
}

/** Who listens to one symbol's depth (plain and SMART), trades and quotes. */
export class Listeners {
  private readonly plain = new Set<Fn<SimDepthOp>>();
  private readonly smart = new Set<Fn<SimDepthOp>>();
  private readonly trades = new Set<Fn<SimTrade>>();
  private readonly quotes = new Set<Fn<SimQuote>>();

  constructor(private readonly onChange: () => void = () => {}) {}

  get count(): number {
    return this.plain.size + this.smart.size + this.trades.size + this.quotes.size;
  }

  onDepth(smart: boolean, fn: Fn<SimDepthOp>): Unsubscribe {
    return add(smart ? this.smart : this.plain, fn, this.onChange);
  }
  onTrade(fn: Fn<SimTrade>): Unsubscribe {
    return add(this.trades, fn, this.onChange);
  }
  onQuote(fn: Fn<SimQuote>): Unsubscribe {
    return add(this.quotes, fn, this.onChange);
  }

  readonly depth = (op: SimDepthOp, smart: boolean): void => {
    const set = smart ? this.smart : this.plain;
    if (set.size) fanOut(set, op);
  };
  readonly trade = (t: SimTrade): void => {
    if (this.trades.size) fanOut(this.trades, t);
  };
  readonly quote = (q: SimQuote): void => {
    if (this.quotes.size) fanOut(this.quotes, q);
  };
}
