/**
 * DBN records (the same layout in versions 1–3 for these schemas), from the `dbn` crate's record.rs:
 * a 16-byte header (length in 4-byte words, rtype, publisher_id, instrument_id, ts_event), then the body.
 * Prices are fixed-point 1e-9 (i64), undefined = i64::MAX; times are u64 nanoseconds since the epoch.
 */
export const RTYPE = { MBP_0: 0x00, MBP_10: 0x0a } as const;
const UNDEF_PRICE = 0x7fff_ffff_ffff_ffffn;
const NS_PER_MS = 1_000_000n;

export interface DbnLevel {
  /** null when undefined (no order on that side). */
  bidPx: number | null;
  askPx: number | null;
  bidSz: number;
  askSz: number;
  bidCt: number;
  askCt: number;
}

export interface DbnMbpRecord {
  rtype: number;
  publisherId: number;
  instrumentId: number;
  /** Exact nanoseconds; tsEventMs for arithmetic. */
  tsEvent: bigint;
  tsEventMs: number;
  tsRecv: bigint;
  price: number | null;
  size: number;
  /** 'A' add, 'C' cancel, 'M' modify, 'T' trade, 'F' fill, 'R' clear. */
  action: string;
  /** 'A' ask, 'B' bid, 'N' none. */
  side: string;
  flags: number;
  depth: number;
  tsInDelta: number;
  sequence: number;
  /** 10 for mbp-10, empty for trades. */
  levels: DbnLevel[];
}

const price = (raw: bigint): number | null => (raw === UNDEF_PRICE ? null : Number(raw) / 1e9);

/** The record at `off`; its length comes from the header, so unknown trailing fields (ts_out) are skipped. */
export function decodeMbp(dv: DataView, off: number): DbnMbpRecord {
  const rtype = dv.getUint8(off + 1);
  const tsEvent = dv.getBigUint64(off + 8, true);
  const levels: DbnLevel[] = [];
  if (rtype === RTYPE.MBP_10) {
    for (let i = 0, p = off + 48; i < 10; i++, p += 32) {
      levels.push({
        bidPx: price(dv.getBigInt64(p, true)), askPx: price(dv.getBigInt64(p + 8, true)),
        bidSz: dv.getUint32(p + 16, true), askSz: dv.getUint32(p + 20, true),
        bidCt: dv.getUint32(p + 24, true), askCt: dv.getUint32(p + 28, true),
      });
    }
  }
  return {
    rtype,
    publisherId: dv.getUint16(off + 2, true),
    instrumentId: dv.getUint32(off + 4, true),
    tsEvent,
    tsEventMs: Number(tsEvent / NS_PER_MS),
    price: price(dv.getBigInt64(off + 16, true)),
    size: dv.getUint32(off + 24, true),
    action: String.fromCharCode(dv.getUint8(off + 28)),
    side: String.fromCharCode(dv.getUint8(off + 29)),
    flags: dv.getUint8(off + 30),
    depth: dv.getUint8(off + 31),
    tsRecv: dv.getBigUint64(off + 32, true),
    tsInDelta: dv.getInt32(off + 40, true),
    sequence: dv.getUint32(off + 44, true),
    levels,
  };
}
