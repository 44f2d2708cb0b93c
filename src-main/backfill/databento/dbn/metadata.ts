/**
 * DBN metadata (versions 1–3): "DBN", a version byte, a u32 length, then the fields below, little-endian.
 * Layout from Databento's `dbn` crate (encode/dbn, `MetadataDecoder`); v1 carries a record count and
 * 22-byte symbols, v2/v3 give the symbol width instead.
 */
export interface DbnMetadata {
  version: number;
  dataset: string;
  /** Schema id (2 = mbp-10, 4 = trades …); undefined for mixed files. */
  schema?: number;
  /** Nanoseconds since the epoch (UTC). */
  start: bigint;
  end?: bigint;
  limit?: bigint;
  stypeIn?: number;
  stypeOut: number;
  /** Records carry a trailing ts_out. */
  tsOut: boolean;
  symbols: string[];
  partial: string[];
  notFound: string[];
  mappings: Array<{ rawSymbol: string; intervals: Array<{ startDate: number; endDate: number; symbol: string }> }>;
  /** Byte offset of the first record. */
  recordsOffset: number;
}

export const SCHEMA = { MBP_10: 2, TRADES: 4 } as const;
const U64_MAX = 0xffff_ffff_ffff_ffffn;

export class DbnFormatError extends Error {}

class Reader {
  constructor(private readonly dv: DataView, public off: number, private readonly end: number) {}
  need(n: number): void {
    if (this.off + n > this.end) throw new DbnFormatError(`DBN metadata ends early at byte ${this.off}`);
  }
  u8(): number {
    this.need(1);
    return this.dv.getUint8(this.off++);
  }
  u16(): number {
    this.need(2);
    const v = this.dv.getUint16(this.off, true);
    this.off += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.dv.getUint32(this.off, true);
    this.off += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.dv.getBigUint64(this.off, true);
    this.off += 8;
    return v;
  }
  cstr(len: number): string {
    this.need(len);
    const bytes = new Uint8Array(this.dv.buffer, this.dv.byteOffset + this.off, len);
    this.off += len;
    const nul = bytes.indexOf(0);
    return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
  }
  skip(n: number): void {
    this.need(n);
    this.off += n;
  }
}

const optional = (v: bigint): bigint | undefined => (v === U64_MAX ? undefined : v);

export function decodeMetadata(bytes: Uint8Array): DbnMetadata {
  if (bytes.length < 8 || bytes[0] !== 0x44 || bytes[1] !== 0x42 || bytes[2] !== 0x4e) throw new DbnFormatError('Not a DBN file (no "DBN" prefix).');
  const version = bytes[3];
  if (version < 1 || version > 3) throw new DbnFormatError(`DBN version ${version} is not supported (1–3).`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = dv.getUint32(4, true);
  const end = 8 + length;
  if (end > bytes.length) throw new DbnFormatError('DBN metadata is longer than the file.');
  const r = new Reader(dv, 8, end);
  const dataset = r.cstr(16);
  const schema = r.u16();
  const start = r.u64();
  const stop = optional(r.u64());
  const limit = r.u64();
  if (version === 1) r.u64(); // record_count, unused since v2
  const stypeIn = r.u8();
  const stypeOut = r.u8();
  const tsOut = r.u8() !== 0;
  const cstrLen = version === 1 ? 22 : r.u16();
  r.off = 8 + 100; // the rest of the fixed block is reserved padding in every version
  r.skip(r.u32()); // schema definition (always empty so far)
  const list = () => Array.from({ length: r.u32() }, () => r.cstr(cstrLen));
  const symbols = list();
  const partial = list();
  const notFound = list();
  const mappings = Array.from({ length: r.u32() }, () => ({
    rawSymbol: r.cstr(cstrLen),
    intervals: Array.from({ length: r.u32() }, () => ({ startDate: r.u32(), endDate: r.u32(), symbol: r.cstr(cstrLen) })),
  }));
  return {
    version, dataset, schema: schema === 0xffff ? undefined : schema, start, end: stop, limit: limit === 0n ? undefined : limit,
    stypeIn: stypeIn === 0xff ? undefined : stypeIn, stypeOut, tsOut, symbols, partial, notFound, mappings, recordsOffset: end,
  };
}
