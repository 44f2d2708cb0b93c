import { OrderBook } from '../../../src-shared/domain/book';
import type { OpSink } from './book-sides';
import type { ReplaySource, ReplayTrade } from './replay-source';
import type { SimDepthOp, SimQuote, SimTrade } from './types';

/** Pause between the end of a looped replay and its restart. */
const LOOP_GAP_MS = 1_000;
/** The first op plays this long after the market starts, so a client that subscribes at once sees every op. */
export const REPLAY_LEAD_MS = 1_000;
/** Rows the replay's book keeps per side: more than any feed sends, so no op is lost to the cap. */
export const REPLAY_BOOK_ROWS = 10_000;

export interface ReplayEvents {
  depth: OpSink;
  trade(t: SimTrade): void;
  quote(q: SimQuote): void;
}

/**
 * Plays a replay source on the simulated clock as if live: op k fires at start + lead + ops[k].at
 * (plus whole loops). The book is kept even while nobody listens, so a late subscriber sees the
 * state the "live" book has at that moment; trades are the source's recorded prints when it has
 * them, else executions at the inside.
 */
export class ReplayProcess {
  readonly book = new OrderBook(REPLAY_BOOK_ROWS);
  private next = 0;
  private nextTrade = 0;
  private loops = 0;
  last: SimTrade | null = null;
  private quoted = '';

  constructor(
    readonly source: ReplaySource,
    private readonly start: number,
    private readonly loop: boolean,
  ) {}

  private get period(): number {
    return this.source.durationMs + LOOP_GAP_MS;
  }

  private get trades(): readonly ReplayTrade[] {
    return this.source.trades ?? [];
  }

  /** Sim time of a message `at` ms into the current loop. */
  private timeAt(at: number): number {
    return this.start + REPLAY_LEAD_MS + this.loops * this.period + at;
  }

  /** Applies every op and trade due by `now`, reporting to `ev` (null: catch up silently). */
  advance(now: number, ev: ReplayEvents | null): void {
    const ops = this.source.ops;
    const trades = this.trades;
    for (;;) {
      const opT = this.next < ops.length ? this.timeAt(ops[this.next].at) : Infinity;
      const tradeT = this.nextTrade < trades.length ? this.timeAt(trades[this.nextTrade].at) : Infinity;
      if (opT === Infinity && tradeT === Infinity) {
        if (!this.loop || ops.length + trades.length === 0 || this.start + REPLAY_LEAD_MS + (this.loops + 1) * this.period > now) return;
        this.wrap(ev);
        continue;
      }
      const t = Math.min(opT, tradeT);
      if (t > now) return;
      // A print recorded in the same ms as a depth row goes first, as the simulator sends them.
      if (tradeT <= opT) {
        const p = trades[this.nextTrade++];
        this.last = { time: t, price: p.price, size: p.size, exchange: p.exchange, conditions: p.conditions };
        ev?.trade(this.last);
        continue;
      }
      const op = ops[this.next++];
      this.applyOne(op, t, ev);
      if (this.next >= ops.length || ops[this.next].msg !== op.msg) this.maybeQuote(t, ev);
    }
  }

  private applyOne(op: ReplaySource['ops'][number], t: number, ev: ReplayEvents | null): void {
    if (op.execution && !this.source.trades) {
      const before = this.book.row(op.side as 0 | 1, 0);
      const traded = before ? before.size - (op.operation === 1 ? op.size : 0) : 0;
      if (traded > 0) {
        this.last = { time: t, price: op.price, size: traded, exchange: 'NASDAQ', conditions: '' };
        ev?.trade(this.last);
      }
    }
    if (this.book.apply(op) && ev) {
      const out: SimDepthOp = { position: op.position, operation: op.operation, side: op.side, price: op.price, size: op.size, marketMaker: op.marketMaker };
      ev.depth(out, true);
      ev.depth(out, false);
    }
  }

  /** Empties the book through deletes (clients see rows leave) and starts the next loop. */
  private wrap(ev: ReplayEvents | null): void {
    for (const side of [0, 1] as const) {
      while (this.book.depth(side) > 0) {
        const r = this.book.row(side, 0)!;
        const op: SimDepthOp = { position: 0, operation: 2, side, price: r.price, size: 0, marketMaker: r.marketMaker };
        this.book.apply(op);
        ev?.depth(op, true);
        ev?.depth(op, false);
      }
    }
    this.loops++;
    this.next = 0;
    this.nextTrade = 0;
  }

  private maybeQuote(t: number, ev: ReplayEvents | null): void {
    const q = this.quoteAt(t);
    const key = `${q.bid}|${q.ask}|${q.bidSize}|${q.askSize}`;
    if (key === this.quoted) return;
    this.quoted = key;
    ev?.quote(q);
  }

  quoteAt(t: number): SimQuote {
    const b = this.book.row(1, 0);
    const a = this.book.row(0, 0);
    return { time: t, bid: b?.price ?? 0, ask: a?.price ?? 0, bidSize: b?.size ?? 0, askSize: a?.size ?? 0 };
  }

  /** Rows as insert ops for a new subscription. */
  snapshot(n: number): { bids: SimDepthOp[]; asks: SimDepthOp[] } {
    const view = (side: 0 | 1, rows: { price: number; size: number; marketMaker: string }[]): SimDepthOp[] =>
      rows.slice(0, Math.max(0, n)).map((r, position) => ({ position, operation: 0, side, price: r.price, size: r.size, marketMaker: r.marketMaker }));
    return { bids: view(1, this.book.bids()), asks: view(0, this.book.asks()) };
  }
}
