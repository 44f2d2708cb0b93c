/**
 * Synthetic MBP-10 DBN files for tests: the metadata of a real Databento file (its first `recordsOffset`
 * bytes) followed by generated MBP-10 records in the documented layout, so the converter meets thousands of
 * level changes (inserts, deletes, shifts, sides thinning out, trades) instead of the fixture's four.
 */
import { readFileSync } from 'node:fs';
import { dbnBytes, type DbnLevel } from '../../src-main/backfill/databento/dbn/decode';
import { decodeMetadata } from '../../src-main/backfill/databento/dbn/metadata';
import { rng } from './synthetic-depth';

const REC = 368;
const UNDEF = 0x7fff_ffff_ffff_ffffn;

export interface SyntheticRecord {
  tsNs: bigint;
  action: string;
  price: number | null;
  size: number;
  levels: DbnLevel[];
}

/** Books drifting around `mid` with random depth per side (0–10) and sizes; every 7th record a trade. */
export function syntheticMbp(seed: number, n: number, t0Ns: bigint): SyntheticRecord[] {
  const rand = rng(seed);
  let mid = 50_000; // cents
  const out: SyntheticRecord[] = [];
  for (let i = 0; i < n; i++) {
    mid += Math.floor(rand() * 5) - 2;
    const nb = rand() < 0.05 ? Math.floor(rand() * 10) : 10;
    const na = rand() < 0.05 ? Math.floor(rand() * 10) : 10;
    const levels: DbnLevel[] = [];
    let bp = mid - 1 - Math.floor(rand() * 2);
    let ap = mid + 1 + Math.floor(rand() * 2);
    for (let l = 0; l < 10; l++) {
      levels.push({
        bidPx: l < nb ? bp / 100 : null, bidSz: l < nb ? 1 + Math.floor(rand() * 5) * 100 : 0, bidCt: l < nb ? 1 : 0,
        askPx: l < na ? ap / 100 : null, askSz: l < na ? 1 + Math.floor(rand() * 5) * 100 : 0, askCt: l < na ? 1 : 0,
      });
      bp -= 1 + (rand() < 0.3 ? 1 : 0);
      ap += 1 + (rand() < 0.3 ? 1 : 0);
    }
    const trade = i % 7 === 3;
    out.push({ tsNs: t0Ns + BigInt(i) * 250_000n, action: trade ? 'T' : 'A', price: trade ? mid / 100 : (bp + 1) / 100, size: 100, levels });
  }
  return out;
}

/** A plain DBN file: `metadataFrom`'s metadata, then `records` for instrument `instrumentId`. */
export function syntheticDbn(metadataFrom: string, records: readonly SyntheticRecord[], instrumentId = 11667): Uint8Array {
  const src = dbnBytes(new Uint8Array(readFileSync(metadataFrom)));
  const { recordsOffset } = decodeMetadata(src);
  const out = new Uint8Array(recordsOffset + REC * records.length);
  out.set(src.subarray(0, recordsOffset));
  const dv = new DataView(out.buffer);
  const px = (p: number | null): bigint => (p === null ? UNDEF : BigInt(Math.round(p * 100)) * 10_000_000n);
  records.forEach((r, i) => {
    const o = recordsOffset + i * REC;
    dv.setUint8(o, REC / 4);
    dv.setUint8(o + 1, 0x0a);
    dv.setUint16(o + 2, 2, true);
    dv.setUint32(o + 4, instrumentId, true);
    dv.setBigUint64(o + 8, r.tsNs, true);
    dv.setBigInt64(o + 16, px(r.price), true);
    dv.setUint32(o + 24, r.size, true);
    dv.setUint8(o + 28, r.action.charCodeAt(0));
    dv.setUint8(o + 29, 'N'.charCodeAt(0));
    dv.setUint8(o + 30, 128);
    dv.setBigUint64(o + 32, r.tsNs + 1000n, true);
    dv.setUint32(o + 44, i, true);
    r.levels.forEach((l, k) => {
      const p = o + 48 + k * 32;
      dv.setBigInt64(p, px(l.bidPx), true);
      dv.setBigInt64(p + 8, px(l.askPx), true);
      dv.setUint32(p + 16, l.bidSz, true);
      dv.setUint32(p + 20, l.askSz, true);
      dv.setUint32(p + 24, l.bidCt, true);
      dv.setUint32(p + 28, l.askCt, true);
    });
  });
  return out;
}
