/**
 * Fixed-capacity column buffers that become Arrow `Data` without copying. The IPC writer serialises a
 * batch synchronously, so the same buffers are reused for the next batch: the hot path allocates nothing.
 */
import { type DataType, type Data, makeData } from 'apache-arrow';

const TWO_32 = 4294967296;

export interface Column {
  data(type: DataType, length: number): Data;
  reset(): void;
}

export class Float64Column implements Column {
  readonly values: Float64Array;
  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }
  data(type: DataType, length: number): Data {
    return makeData({ type, length, nullCount: 0, data: this.values.subarray(0, length) } as never);
  }
  reset(): void {}
}

export class Int32Column implements Column {
  readonly values: Int32Array;
  constructor(capacity: number) {
    this.values = new Int32Array(capacity);
  }
  data(type: DataType, length: number): Data {
    return makeData({ type, length, nullCount: 0, data: this.values.subarray(0, length) } as never);
  }
  reset(): void {}
}

/** Int64 / Timestamp values written as two int32 halves: no BigInt per row. Safe for |v| < 2^53. */
export class Int64Column implements Column {
  private readonly halves: Int32Array;
  private readonly wide: BigInt64Array;
  constructor(capacity: number) {
    this.halves = new Int32Array(capacity * 2);
    this.wide = new BigInt64Array(this.halves.buffer);
  }
  set(i: number, v: number): void {
    const hi = Math.floor(v / TWO_32);
    this.halves[2 * i] = (v - hi * TWO_32) | 0;
    this.halves[2 * i + 1] = hi;
  }
  data(type: DataType, length: number): Data {
    return makeData({ type, length, nullCount: 0, data: this.wide.subarray(0, length) } as never);
  }
  reset(): void {}
}

export class BoolColumn implements Column {
  private readonly bits: Uint8Array;
  constructor(capacity: number) {
    this.bits = new Uint8Array((capacity + 7) >> 3);
  }
  set(i: number, v: boolean): void {
    if (v) this.bits[i >> 3] |= 1 << (i & 7);
  }
  data(type: DataType, length: number): Data {
    return makeData({ type, length, nullCount: 0, data: this.bits.subarray(0, (length + 7) >> 3) } as never);
  }
  reset(): void {
    this.bits.fill(0);
  }
}

/** Utf8 column; encoded strings are cached because the vocabulary (makers, exchanges, kinds) is tiny. */
export class Utf8Column implements Column {
  private readonly offsets: Int32Array;
  private bytes = new Uint8Array(16 * 1024);
  private end = 0;
  private readonly cache = new Map<string, Uint8Array>();
  private readonly encoder = new TextEncoder();
  constructor(capacity: number) {
    this.offsets = new Int32Array(capacity + 1);
  }
  set(i: number, v: string): void {
    let enc = this.cache.get(v);
    if (enc === undefined) {
      enc = this.encoder.encode(v);
      if (this.cache.size < 4096) this.cache.set(v, enc);
    }
    const need = this.end + enc.length;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.end));
      this.bytes = grown;
    }
    if (enc.length === 1) this.bytes[this.end] = enc[0];
    else this.bytes.set(enc, this.end);
    this.end = need;
    this.offsets[i + 1] = need;
  }
  data(type: DataType, length: number): Data {
    return makeData({
      type,
      length,
      nullCount: 0,
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.end),
    } as never);
  }
  reset(): void {
    this.end = 0;
  }
}
