import { describe, expect, it } from 'vitest';
import { ColumnBuilder, columnIndexAt, sizeAt, sliceMsFor, type DepthEventLike } from '../../../../src-renderer/src/features/replay/heatmap-columns';

const T0 = 1_700_000_000_000;
let seq = 0;
/** IB depth op: operation 0 insert / 1 update / 2 delete, side 0 ask / 1 bid. */
const ev = (dt: number, side: 0 | 1, position: number, operation: 0 | 1 | 2, price: number, size: number, epoch = 1): DepthEventLike => ({
  seq: ++seq,
  tsRecv: T0 + dt,
  epoch,
  position,
  operation,
  side,
  price,
  size,
  marketMaker: '',
});

function book(): DepthEventLike[] {
  seq = 0;
  return [ev(10, 1, 0, 0, 10.0, 100), ev(20, 1, 1, 0, 9.98, 300), ev(30, 0, 0, 0, 10.02, 200), ev(40, 0, 1, 0, 10.03, 50)];
}

describe('ColumnBuilder', () => {
  it('snapshots the book at each slice end, by tick, with unknown prices outside the recorded depth', () => {
    const b = new ColumnBuilder(T0, 100, 0.01, []);
    b.add(book());
    const cache = b.finish(T0 + 250);
    expect(cache.columns.map((c) => c.t)).toEqual([T0, T0 + 100, T0 + 200]);
    const c = cache.columns[0];
    expect(c.bestBid).toBe(1000);
    expect(c.bestAsk).toBe(1002);
    expect(sizeAt(c, 1000)).toBe(100);
    expect(sizeAt(c, 998)).toBe(300);
    expect(sizeAt(c, 999)).toBe(0); // inside the recorded span, nothing rests: empty, not unknown
    expect(sizeAt(c, 1003)).toBe(50);
    expect(sizeAt(c, 997)).toBeNull(); // below the deepest bid: unknown
    expect(sizeAt(c, 1004)).toBeNull();
    // The book holds across slices without events.
    expect(sizeAt(cache.columns[2], 1002)).toBe(200);
  });

  it('applies updates and deletes in order, each slice showing its own end state', () => {
    const events = book();
    events.push(ev(150, 1, 0, 1, 10.0, 40), ev(160, 0, 0, 2, 10.02, 0));
    const b = new ColumnBuilder(T0, 100, 0.01, []);
    b.add(events);
    const cols = b.finish(T0 + 250).columns;
    expect(sizeAt(cols[0], 1000)).toBe(100);
    expect(sizeAt(cols[1], 1000)).toBe(40);
    expect(cols[1].bestAsk).toBe(1003);
    expect(sizeAt(cols[1], 1002)).toBe(0);
  });

  it('marks columns inside a recorded gap as unknown, and a 317 marker clears the book', () => {
    const events = book();
    const b = new ColumnBuilder(T0, 100, 0.01, [{ seq: 4, code: 317 }], [{ start: T0 + 100, end: T0 + 200 }]);
    b.add(events);
    const cols = b.finish(T0 + 350).columns;
    expect(cols[1].sizes.length).toBe(0);
    // After the 317 that follows row 4 the next row starts from an empty book.
    const b2 = new ColumnBuilder(T0, 100, 0.01, [{ seq: 4, code: 317 }]);
    b2.add([...events, ev(120, 1, 0, 0, 9.9, 7)]);
    const c2 = b2.finish(T0 + 150).columns;
    expect(sizeAt(c2[1], 990)).toBe(7);
    expect(sizeAt(c2[1], 1000)).toBeNull();
    expect(c2[1].bestAsk).toBeNull();
  });

  it('starts a day’s next session from an empty book, and skips events already folded', () => {
    const events = book();
    const next = ev(130, 0, 0, 0, 11.0, 5);
    const b = new ColumnBuilder(T0, 100, 0.01, [], [], [next.seq]);
    b.add(events);
    b.add(events.slice(2)); // a resumed fetch re-sending rows must not double them
    b.add([next]);
    const cols = b.finish(T0 + 150).columns;
    expect(sizeAt(cols[0], 1002)).toBe(200);
    expect(cols[1].bestBid).toBeNull();
    expect(cols[1].bestAsk).toBe(1100);
    expect(b.cache.seq).toBe(next.seq);
  });
});

describe('slices', () => {
  it('fits a session in the column budget, never under 50 ms', () => {
    expect(sliceMsFor(0, 1000)).toBe(50);
    expect(sliceMsFor(0, 6.5 * 3600_000, 3000)).toBe(7800);
  });
  it('finds the column of an instant, clamped', () => {
    const b = new ColumnBuilder(T0, 100, 0.01, []);
    b.add(book());
    const cache = b.finish(T0 + 250);
    expect(columnIndexAt(cache, T0 + 150)).toBe(1);
    expect(columnIndexAt(cache, T0 - 5)).toBe(0);
    expect(columnIndexAt(cache, T0 + 10_000)).toBe(2);
  });
});

describe('rasterize', () => {
  it('paints known prices from the palette and leaves unknown ones transparent', async () => {
    const { rasterize } = await import('../../../../src-renderer/src/features/replay/heatmap-raster');
    const { viewportFor } = await import('../../../../src-renderer/src/features/replay/heatmap-layout');
    const b = new ColumnBuilder(T0, 100, 0.01, []);
    b.add(book());
    const cache = b.finish(T0 + 150);
    // Ticks 1005 … 996 top to bottom; the book spans 998 … 1003.
    const v = viewportFor(T0, T0 + 200, 1000, 10, 100, 100);
    const out = new Uint8ClampedArray(2 * 10 * 4);
    rasterize(cache, v, { lo: 0, hi: 300, gamma: 1 }, 0, 1, out);
    const alpha = (tick: number, col: number) => out[((v.topTick - tick) * 2 + col) * 4 + 3];
    expect(alpha(1004, 0)).toBe(0);
    expect(alpha(997, 0)).toBe(0);
    expect(alpha(999, 0)).toBe(255); // empty but known: the palette's darkest colour
    const bright = (tick: number) => out[((v.topTick - tick) * 2) * 4 + 1];
    expect(bright(998)).toBeGreaterThan(bright(1000)); // 300 shares vs 100
  });
});
