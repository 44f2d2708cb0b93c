/** What the live ladder draws over the book; pure types so order-entry logic needs no canvas. */
/** A working order drawn at its price: in the Σ bid column for a buy, Σ ask for a sell, with its × to cancel. */
export interface LadderMark {
  price: number;
  side: 'BUY' | 'SELL';
  quantity: number;
  /** Short type tag: "L" limit, "S" stop… */
  tag: string;
}

/** Optional drawing over the book (the live ladder's orders and position); the replay ladder passes none. */
export interface LadderOverlay {
  marks: readonly LadderMark[];
  /** Average price and signed shares of the position, null when flat. */
  position: { price: number; quantity: number } | null;
  /** The row an order is being dragged to, outlined while the mouse is down. */
  dragPrice: number | null;
}
