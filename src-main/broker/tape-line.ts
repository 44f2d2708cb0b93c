/**
 * One reqMktData line with generic tick 233 serving every fallback tape of an instrument: RT_VOLUME prints go
 * to the AllLast owners, bid/ask ticks (coalesced per message burst) to the BidAsk owners.
 */
import type { AppError } from '../../src-shared/contract/result';
import type { StreamOwner, TapeOwner } from './port';
import { IB_RT_VOLUME_TICK, parseRtVolume, QuoteAssembler, rtVolumeTrade } from './rt-volume';
import type { StreamEntry } from './subscription-registry';

/** What stream routing hands a `tapeline` entry. */
export interface TapeLineOwner extends StreamOwner {
  onTickPrice(tickType: number, value: number | undefined): void;
  onTickSize(tickType: number | undefined, value: number | undefined): void;
  onTickString(tickType: number, value: string): void;
}

export interface TapeLineMember {
  readonly kind: 'AllLast' | 'BidAsk';
  readonly owner: TapeOwner;
}

export class TapeLine implements TapeLineOwner {
  readonly members = new Set<TapeLineMember>();
  entry: StreamEntry | undefined;
  private readonly quote = new QuoteAssembler();
  private quoteQueued = false;
  private closed = false;

  constructor(private readonly now: () => number, private readonly onFailed: (line: TapeLine) => void) {}

  add(member: TapeLineMember): void {
    this.members.add(member);
    // A quote owner joining a running line gets the current top of book instead of waiting for a change.
    const q = member.kind === 'BidAsk' ? this.quote.tick(this.now()) : undefined;
    if (q) member.owner.onQuote?.(q);
  }

  close(): void {
    this.closed = true;
    this.members.clear();
  }

  onTickPrice(tickType: number, value: number | undefined): void {
    if (this.quote.price(tickType, value)) this.queueQuote();
  }

  onTickSize(tickType: number | undefined, value: number | undefined): void {
    if (this.quote.size(tickType, value)) this.queueQuote();
  }

  onTickString(tickType: number, value: string): void {
    if (tickType !== IB_RT_VOLUME_TICK) return;
    const v = parseRtVolume(value);
    if (!v) return;
    const trade = rtVolumeTrade(v, this.now());
    for (const m of this.members) if (m.kind === 'AllLast') m.owner.onTrade?.(trade);
  }

  onPause(info: { start: number; reason: string }): void {
    for (const m of [...this.members]) m.owner.onPause?.(info);
  }

  onResume(info: { start: number; end: number; reqId: number; dataLost: boolean }): void {
    if (info.dataLost) this.quote.reset(); // IB resends the initial burst
    for (const m of [...this.members]) m.owner.onResume?.(info);
  }

  onError(error: AppError): void {
    const members = [...this.members];
    this.onFailed(this);
    for (const m of members) m.owner.onError?.(error);
  }

  /** IB sends a price and its size as separate ticks of one burst: one QuoteTick for both. */
  private queueQuote(): void {
    if (this.quoteQueued) return;
    this.quoteQueued = true;
    queueMicrotask(() => {
      this.quoteQueued = false;
      if (this.closed) return;
      const q = this.quote.tick(this.now());
      if (!q) return;
      for (const m of this.members) if (m.kind === 'BidAsk') m.owner.onQuote?.(q);
    });
  }
}
