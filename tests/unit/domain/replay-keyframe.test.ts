import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src-shared/domain/book';
import { bookChecksum } from '../../../src-shared/domain/replay/book-checksum';
import { BookCursor } from '../../../src-shared/domain/replay/book-cursor';
import { findKeyframe, lastAtOrBefore } from '../../../src-shared/domain/replay/keyframe';

const row = (price: number, size: number, marketMaker = '') => ({ price, size, marketMaker });

describe('book checksum', () => {
  it('is fixed for equal books and changes with any price, size, maker, side or order', () => {
    const asks = [row(10.01, 100), row(10.02, 200, 'ARCA')];
    const bids = [row(10, 300)];
    const h = bookChecksum(asks, bids);
    expect(bookChecksum(asks.map((r) => ({ ...r })), bids.map((r) => ({ ...r })))).toBe(h);
    expect(bookChecksum([row(10.01 + 1e-12, 100), asks[1]], bids)).toBe(h); // below price resolution
    for (const other of [
      bookChecksum([row(10.01, 101), asks[1]], bids),
      bookChecksum([row(10.03, 100), asks[1]], bids),
      bookChecksum([asks[0], row(10.02, 200, 'EDGX')], bids),
      bookChecksum([asks[1], asks[0]], bids),
      bookChecksum(bids, asks),
      bookChecksum(asks, []),
    ]) expect(other).not.toBe(h);
    expect(bookChecksum([], [])).toBe(bookChecksum([], []));
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
  });

  it('the cursor’s checksum equals the checksum of the book’s rows', () => {
    const c = new BookCursor([]);
    const run = {
      firstSeq: 1, length: 3, tsRecv: [1, 2, 3], epoch: [1, 1, 1], position: [0, 0, 1], operation: [0, 0, 0], side: [0, 1, 1],
      price: [10.01, 10, 9.99], size: [100, 200, 300], marketMaker: ['', '', ''],
    };
    for (let i = 0; i < 3; i++) c.applyRow(run, i);
    const b = new OrderBook();
    b.apply({ position: 0, operation: 0, side: 0, price: 10.01, size: 100 });
    b.apply({ position: 0, operation: 0, side: 1, price: 10, size: 200 });
    b.apply({ position: 1, operation: 0, side: 1, price: 9.99, size: 300 });
    expect(c.checksum()).toBe(bookChecksum(b.asks(), b.bids()));
  });
});

describe('book cursor', () => {
  const run = (epochs: number[]) => ({
    firstSeq: 1, length: epochs.length, tsRecv: epochs.map((_, i) => i), epoch: epochs, position: epochs.map(() => 0),
    operation: epochs.map(() => 0), side: epochs.map(() => 1), price: epochs.map((_, i) => 10 - i / 100), size: epochs.map(() => 1),
    marketMaker: epochs.map(() => ''),
  });

  it('clears after a 317/316 marker’s row and at a new epoch, not at 1100/1102', () => {
    const c = new BookCursor([{ seq: 2, code: 317 }, { seq: 3, code: 1100 }, { seq: 3, code: 1102 }]);
    const r = run([1, 1, 1, 1, 2, 2]);
    c.applyRow(r, 0);
    c.applyRow(r, 1);
    expect(c.book.depth(1)).toBe(2);
    c.applyMarkers(2);
    expect(c.book.depth(1)).toBe(0);
    c.applyRow(r, 2);
    c.applyRow(r, 3);
    expect(c.markers).toBe(3);
    expect(c.book.depth(1)).toBe(2);
    c.applyRow(r, 4);
    expect(c.book.depth(1)).toBe(1);
    expect(c.epoch).toBe(2);
  });
});

describe('keyframe search', () => {
  const kfs = [{ seq: 0, markers: 0 }, { seq: 100, markers: 0 }, { seq: 100, markers: 1 }, { seq: 250, markers: 1 }];
  it('finds the last keyframe at or before a point', () => {
    expect(findKeyframe(kfs, { seq: 0, markers: 0 })).toBe(0);
    expect(findKeyframe(kfs, { seq: 99, markers: 0 })).toBe(0);
    expect(findKeyframe(kfs, { seq: 100, markers: 0 })).toBe(1);
    expect(findKeyframe(kfs, { seq: 100, markers: 1 })).toBe(2);
    expect(findKeyframe(kfs, { seq: 1e9, markers: 9 })).toBe(3);
    expect(findKeyframe([], { seq: 5, markers: 0 })).toBe(-1);
  });
  it('lastAtOrBefore on ascending values', () => {
    expect(lastAtOrBefore([1, 3, 3, 5], 3)).toBe(2);
    expect(lastAtOrBefore([1, 3, 3, 5], 0)).toBe(-1);
    expect(lastAtOrBefore([1, 3, 3, 5], 9)).toBe(3);
  });
});
