/**
 * Which names the scanner watches: IB's scans merged into one ranked list (the primary scan's order
 * first, then names only the secondary scans list), capped at the user's market-data line budget,
 * and the grid filters applied to computed rows.
 */
import type { ScannerRow } from '../../src-shared/contract/features/scanner';
import type { ScannerFilters } from '../../src-shared/contract/features/settings';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { ScannerRequest } from '../broker/port';

/** TOP_PERC_GAIN ranks against the previous close and works premarket; IB's gap scans are empty before 09:30. */
export const PRIMARY_SCAN = 'TOP_PERC_GAIN';
/** Volume leaders catch names moving on news before they top the gainers list. */
export const SECONDARY_SCANS = ['HOT_BY_VOLUME', 'MOST_ACTIVE'] as const;
export const SCAN_CODES: readonly string[] = [PRIMARY_SCAN, ...SECONDARY_SCANS];
/** IB's limits: 50 rows per scan, 10 live scans. */
export const MAX_SCAN_ROWS = 50;
export const MAX_LIVE_SCANS = 10;

export interface ScanRow {
  rank: number;
  instrument: Instrument;
}

export interface Candidate {
  instrument: Instrument;
  /** 1-based */
  rank: number;
  sources: string[];
}

export function scanRequest(scanCode: string, f: ScannerFilters): ScannerRequest {
  const req: ScannerRequest = {
    scanCode,
    rows: MAX_SCAN_ROWS,
    priceAbove: f.priceMin,
    priceBelow: f.priceMax,
    locationCode: 'STK.US.MAJOR',
    instrument: 'STK',
  };
  if (f.minVolume > 0) req.volumeAbove = f.minVolume;
  return req;
}

/** `scans`: latest rows per scan code. `order`: scan codes by priority. */
export function mergeScans(scans: ReadonlyMap<string, ScanRow[]>, order: readonly string[], max: number): Candidate[] {
  const bySymbol = new Map<string, Candidate>();
  const out: Candidate[] = [];
  for (const code of order) {
    const rows = [...(scans.get(code) ?? [])].sort((a, b) => a.rank - b.rank);
    for (const { instrument } of rows) {
      const known = bySymbol.get(instrument.symbol);
      if (known) {
        if (!known.sources.includes(code)) known.sources.push(code);
        continue;
      }
      if (out.length >= max) continue;
      const c: Candidate = { instrument, rank: out.length + 1, sources: [code] };
      bySymbol.set(instrument.symbol, c);
      out.push(c);
    }
  }
  return out;
}

/** Unknown values pass: a row is hidden only for what is known to fail. */
export function passesFilters(row: ScannerRow, f: ScannerFilters): boolean {
  if (row.last !== null && (row.last < f.priceMin || row.last > f.priceMax)) return false;
  if (row.volume !== null && row.volume < f.minVolume) return false;
  if (row.gapPct !== null && row.gapPct < f.minGapPct) return false;
  return true;
}
