/**
 * A pure TypeScript DBN decoder (Databento's binary encoding, versions 1–3; there is no official JavaScript
 * client): zstd-compressed or plain bytes in, metadata and MBP-10 / trades records out. No I/O.
 */
import { decompress } from 'fzstd';
import { DbnFormatError, decodeMetadata, type DbnMetadata } from './metadata';
import { RTYPE, decodeMbp, type DbnMbpRecord } from './records';

export { DbnFormatError, SCHEMA, type DbnMetadata } from './metadata';
export { RTYPE, type DbnLevel, type DbnMbpRecord } from './records';

const ZSTD_MAGIC = 0xfd2fb528;

/** Plain DBN bytes (decompressed when they start with a zstd frame). */
export function dbnBytes(input: Uint8Array): Uint8Array {
  const isZstd = input.length >= 4 && new DataView(input.buffer, input.byteOffset, input.byteLength).getUint32(0, true) === ZSTD_MAGIC;
  return isZstd ? decompress(input) : input;
}

export interface DbnFile {
  metadata: DbnMetadata;
  records: DbnMbpRecord[];
  /** Records of other rtypes, counted by rtype (skipped, not decoded). */
  skipped: Record<number, number>;
}

/** Walks the records after the metadata; calls `onRecord` for MBP-10 and trades (MBP-0). */
export function forEachRecord(bytes: Uint8Array, onRecord: (r: DbnMbpRecord) => void): { metadata: DbnMetadata; skipped: Record<number, number> } {
  const metadata = decodeMetadata(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const skipped: Record<number, number> = {};
  let off = metadata.recordsOffset;
  while (off < bytes.length) {
    const len = bytes[off] * 4;
    if (len < 16 || off + len > bytes.length) throw new DbnFormatError(`DBN record at byte ${off} is truncated or has length ${len}.`);
    const rtype = bytes[off + 1];
    if ((rtype === RTYPE.MBP_10 && len >= 368) || (rtype === RTYPE.MBP_0 && len >= 48)) onRecord(decodeMbp(dv, off));
    else skipped[rtype] = (skipped[rtype] ?? 0) + 1;
    off += len;
  }
  return { metadata, skipped };
}

export function decodeDbn(input: Uint8Array): DbnFile {
  const records: DbnMbpRecord[] = [];
  const { metadata, skipped } = forEachRecord(dbnBytes(input), (r) => records.push(r));
  return { metadata, records, skipped };
}
