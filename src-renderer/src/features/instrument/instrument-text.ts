import type { ResolvedInstrument } from '../../../../src-shared/contract/features/instrument';

/** 20261218 → 2026-12-18 (a month-only 202612 → 2026-12). */
export const fmtExpiry = (e: string): string => (e.length === 8 ? `${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6)}` : `${e.slice(0, 4)}-${e.slice(4, 6)}`);

/** One line under the symbol box: what opened, and for a future its expiry, multiplier and tick. */
export function instrumentLine(i: ResolvedInstrument): string {
  const parts = [i.symbol, i.description];
  if (i.secType === 'FUT') {
    if (i.expiry) parts.push(`expires ${fmtExpiry(i.expiry)}`);
    if (i.multiplier) parts.push(`×${i.multiplier}`);
    parts.push(`tick ${i.minTick}`, i.exchange);
  }
  return parts.join(' · ');
}
