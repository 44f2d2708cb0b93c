import type { ScannerFilters } from '../../../../src-shared/contract/features/settings';
import { fmtDollars, fmtShares } from './filter-number';

/** One line for the toolbar: what narrows the scan. "$1–$30 · vol ≥ 50K · gap ≥ 3%". */
export function filtersSummary(f: ScannerFilters): string {
  return [`$${fmtDollars(f.priceMin)}–$${fmtDollars(f.priceMax)}`, `vol ≥ ${fmtShares(f.minVolume)}`, `gap ≥ ${f.minGapPct}%`].join(' · ');
}

/** The rest, for the tooltip: how RVOL is measured, the line budget and the alert. */
export function filtersDetail(f: ScannerFilters): string {
  const alert = f.alertTopN === 0 ? 'alerts off' : `alert on new top ${f.alertTopN}${f.alertSound ? ' with sound' : ', silent'}`;
  return `${filtersSummary(f)}\nRVOL over ${f.rvolSessions} sessions · up to ${f.maxLines} data lines · ${alert}`;
}
