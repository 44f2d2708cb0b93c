export { ScannerService, type ScannerDeps, type ScannerHitSink, COALESCE_MS, REFRESH_MS } from './scanner-service';
export { type HistoryCache, withBackfilledDays } from './rvol-history';
