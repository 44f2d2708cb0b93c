import { readFileSync } from 'node:fs';

/** One row of an IB depth-ops CSV (`seq,msg_index,time_s,lobster_type,position,operation,side,price,size`). */
export interface IbDepthOpRow {
  seq: number;
  /** Source message the op belongs to; all ops of one message form one book change. */
  msgIndex: number;
  /** Source time in seconds (LOBSTER: seconds after midnight ET). */
  timeS: number;
  position: number;
  operation: 0 | 1 | 2;
  side: 0 | 1;
  price: number;
  size: number;
  /** LOBSTER event type when the file has it (4 = visible execution); undefined otherwise. */
  lobsterType?: number;
}

const OPS_HEADER = ['seq', 'msg_index', 'time_s', 'lobster_type', 'position', 'operation', 'side', 'price', 'size'];

/** Parses an IB depth-ops CSV text; throws on a malformed file (it is test/replay input we control). */
export function parseIbDepthOps(text: string): IbDepthOpRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]?.split(',') ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`depth-ops CSV: missing column ${name} (expected ${OPS_HEADER.join(',')})`);
    return i;
  };
  const [iSeq, iMsg, iTime, iPos, iOp, iSide, iPrice, iSize] = [
    col('seq'), col('msg_index'), col('time_s'), col('position'), col('operation'), col('side'), col('price'), col('size'),
  ];
  const iType = header.indexOf('lobster_type');
  const rows: IbDepthOpRow[] = [];
  for (let n = 1; n < lines.length; n++) {
    const f = lines[n].split(',');
    const operation = Number(f[iOp]);
    const side = Number(f[iSide]);
    if ((operation !== 0 && operation !== 1 && operation !== 2) || (side !== 0 && side !== 1)) {
      throw new Error(`depth-ops CSV line ${n + 1}: bad operation/side`);
    }
    rows.push({
      seq: Number(f[iSeq]),
      msgIndex: Number(f[iMsg]),
      timeS: Number(f[iTime]),
      position: Number(f[iPos]),
      operation,
      side,
      price: Number(f[iPrice]),
      size: Number(f[iSize]),
      ...(iType >= 0 ? { lobsterType: Number(f[iType]) } : {}),
    });
  }
  return rows;
}

export function loadIbDepthOps(path: string): IbDepthOpRow[] {
  return parseIbDepthOps(readFileSync(path, 'utf8'));
}

/** One LOBSTER orderbook row as sides of {price, size}, best first, empty levels dropped. */
export interface LobsterSnapshot {
  asks: Array<{ price: number; size: number }>;
  bids: Array<{ price: number; size: number }>;
}

/** LOBSTER marks empty levels with ±9999999999 and size 0. */
const LOBSTER_EMPTY = 9999999999;

/** Parses a LOBSTER `orderbook_N.csv` (ask price, ask size, bid price, bid size × N; prices × 10000). */
export function parseLobsterBook(text: string): LobsterSnapshot[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .map((line) => {
      const f = line.split(',').map(Number);
      const snap: LobsterSnapshot = { asks: [], bids: [] };
      for (let i = 0; i + 3 < f.length; i += 4) {
        if (Math.abs(f[i]) !== LOBSTER_EMPTY && f[i + 1] > 0) snap.asks.push({ price: f[i] / 10000, size: f[i + 1] });
        if (Math.abs(f[i + 2]) !== LOBSTER_EMPTY && f[i + 3] > 0) snap.bids.push({ price: f[i + 2] / 10000, size: f[i + 3] });
      }
      return snap;
    });
}

export function loadLobsterBook(path: string): LobsterSnapshot[] {
  return parseLobsterBook(readFileSync(path, 'utf8'));
}
