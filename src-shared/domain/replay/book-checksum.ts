/**
 * A 32-bit FNV-1a checksum of a book's rows (side, position, price, size, market maker), so a keyframe can
 * be checked against its own stored rows and against the book that replaying the ops in front of it builds.
 * Prices hash at 1e-8 resolution (the book's own price key); sizes by their exact float64 bits.
 */
import type { BookRow } from '../book';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(h: number, v: number): number {
  h ^= v & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (v >>> 8) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (v >>> 16) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= v >>> 24;
  return Math.imul(h, FNV_PRIME);
}

function mixFloat(h: number, v: number): number {
  f64[0] = v === 0 ? 0 : v; // -0 and 0 hash alike
  return mix(mix(h, u32[0]), u32[1]);
}

function mixRow(h: number, side: number, position: number, r: Readonly<BookRow>): number {
  h = mix(h, side);
  h = mix(h, position);
  h = mixFloat(h, Math.round(r.price * 1e8));
  h = mixFloat(h, r.size);
  for (let i = 0; i < r.marketMaker.length; i++) h = mix(h, r.marketMaker.charCodeAt(i));
  return mix(h, 0xffffffff); // end of the maker string
}

/** Checksum of both sides, asks (side 0) first, rows best first. An empty book has a fixed checksum. */
export function bookChecksum(asks: ReadonlyArray<Readonly<BookRow>>, bids: ReadonlyArray<Readonly<BookRow>>): number {
  let h = FNV_OFFSET;
  for (let p = 0; p < asks.length; p++) h = mixRow(h, 0, p, asks[p]);
  for (let p = 0; p < bids.length; p++) h = mixRow(h, 1, p, bids[p]);
  return h >>> 0;
}

/** Reads rows through an accessor (an OrderBook's `row`), without copying. */
export function checksumOf(depth: (side: 0 | 1) => number, row: (side: 0 | 1, p: number) => Readonly<BookRow> | undefined): number {
  let h = FNV_OFFSET;
  for (const side of [0, 1] as const) {
    const n = depth(side);
    for (let p = 0; p < n; p++) h = mixRow(h, side, p, row(side, p)!);
  }
  return h >>> 0;
}
