import { BREAKDOWN_KINDS } from '../../src-shared/domain/trades/breakdowns';
import { money, pct } from './format';
import type { DayReport } from './report-data';
import { BREAKDOWN_TITLES, TRIP_COLUMNS, kpis, reconciliationRows, tripRow } from './report-tables';

const esc = (s: string) => s.replace(/\|/g, '\\|');
const table = (head: string[], rows: string[][]) =>
  [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');

export function markdownReport(d: DayReport): string {
  const out = [`# Trading day ${d.date}`, '', `Matching: ${d.method.toUpperCase()} · times ET · generated ${new Date(d.generatedAt).toISOString()}`, ''];
  out.push('## Summary', '', table(['Figure', 'Value'], kpis(d.stats)), '');
  out.push('## Trips', '', d.trips.length ? table(TRIP_COLUMNS, d.trips.map(tripRow)) : 'No trips this day.', '');
  if (d.trips.some((t) => t.excursionSource === 'bars')) out.push('MAE/MFE marked ~ are estimated from 1-minute bars.', '');
  out.push('## Breakdowns', '');
  for (const kind of BREAKDOWN_KINDS) {
    const rows = d.breakdowns[kind];
    if (!rows.length) continue;
    out.push(`### ${BREAKDOWN_TITLES[kind]}`, '', table(['Key', 'Trips', 'Win rate', 'Net', 'Avg'], rows.map((r) => [r.key, String(r.trips), pct(r.winRate), money(r.net), money(r.avgNet)])), '');
  }
  out.push('## Reconciliation with IB', '', table(['Check', 'Value'], reconciliationRows(d.reconciliation)), '');
  return out.join('\n');
}
