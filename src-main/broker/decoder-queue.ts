/**
 * @stoqey/ib 1.6's Decoder keeps incoming tokens in a plain array and consumes it with `shift()`. For a
 * large message (a 20-day 1-minute history is ~150k tokens) the array lives in V8's large-object space,
 * where `shift()` copies the whole array each time: decoding one response took ~38 s of main-thread CPU
 * and froze the app. This swaps in a queue with O(1) shift that offers exactly the surface the Decoder
 * uses (`push`, `concat` (mutating), `shift`, `length`, `[0]`). If a future @stoqey/ib changes those
 * internals, `installFastDecoderQueue` leaves the library alone and says so.
 */
export class TokenQueue {
  private items: Array<string | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  /** The Decoder peeks with `dataQueue[0]`. */
  get 0(): string | undefined {
    return this.items[this.head];
  }

  push(token: string | undefined): number {
    this.items.push(token);
    return this.length;
  }

  /** The Decoder writes `dataQueue = dataQueue.concat(tokens)`: append in place and return this queue. */
  concat(tokens: Array<string | undefined>): this {
    for (let i = 0; i < tokens.length; i++) this.items.push(tokens[i]);
    return this;
  }

  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const v = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact once the consumed prefix dominates, so memory stays bounded on a long-lived connection.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return v;
  }

  toJSON(): Array<string | undefined> {
    return this.items.slice(this.head);
  }
}

/** Returns true when the fast queue is in place. */
export function installFastDecoderQueue(api: unknown): boolean {
  const decoder = (api as { controller?: { decoder?: { dataQueue?: unknown } } }).controller?.decoder;
  if (!decoder || !Array.isArray(decoder.dataQueue)) return false;
  const queue = new TokenQueue();
  queue.concat(decoder.dataQueue as Array<string | undefined>);
  decoder.dataQueue = queue;
  return true;
}
