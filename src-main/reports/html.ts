/** The self-contained HTML report: inline CSS and SVG only — no script, no link, no image from anywhere. */
import { BREAKDOWN_KINDS } from '../../src-shared/domain/trades/breakdowns';
import { escapeHtml as h, money, pct } from './format';
import type { DayReport } from './report-data';
import { BREAKDOWN_TITLES, TRIP_COLUMNS, kpis, reconciliationRows, tripRow } from './report-tables';
import { calendarSvg, pnlCurveSvg, tripCandlesSvg } from './svg-charts';

/** A day rarely has more; past this the charts would make the file (and its PDF) huge. */
export const MAX_TRIP_CHARTS = 60;

const CSS = `body{font:13px/1.4 system-ui,sans-serif;color:#1f2328;margin:24px;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #d0d7de}h3{font-size:13px;margin:12px 0 4px}
.kpis{display:grid;grid-template-columns:repeat(5,1fr);gap:8px}.kpi{border:1px solid #d0d7de;border-radius:6px;padding:6px 8px}
.kpi b{display:block;font-size:15px}.muted{color:#57606a}table{border-collapse:collapse;margin:4px 0}td,th{border:1px solid #d0d7de;padding:2px 6px;text-align:right}
th{background:#f6f8fa}td:nth-child(2),th:nth-child(2){text-align:left}.pos{color:#1a7f37}.neg{color:#cf222e}.grid{display:flex;flex-wrap:wrap;gap:16px}
.trip{break-inside:avoid;margin-bottom:12px}@media print{body{margin:8px}}`;

const cls = (v: string) => (v.charCodeAt(0) === 43 ? ' class="pos"' : v.charCodeAt(0) === 0x2212 ? ' class="neg"' : '');
/** Plain concatenation: a 10k-trip table is 160k cells and this is the report's hot loop. */
function table(head: string[], rows: string[][]): string {
  let out = '<table><thead><tr>';
  for (const c of head) out += `<th>${h(c)}</th>`;
  out += '</tr></thead><tbody>';
  for (const r of rows) {
    out += '<tr>';
    for (const c of r) out += `<td${cls(c)}>${h(c)}</td>`;
    out += '</tr>';
  }
  return out + '</tbody></table>';
}

export function htmlReport(d: DayReport): string {
  const k = kpis(d.stats).map(([n, v]) => `<div class="kpi"><span class="muted">${h(n)}</span><b${cls(v)}>${h(v)}</b></div>`).join('');
  const trips = d.trips.length ? table(TRIP_COLUMNS, d.trips.map(tripRow)) : '<p>No trips this day.</p>';
  const charts = d.trips
    .slice(0, MAX_TRIP_CHARTS)
    .map((t, i) => `<div class="trip"><h3>#${i + 1} ${h(t.symbol)} ${t.direction === 'LONG' ? 'long' : 'short'} · ${h(money(t.net))}</h3>${tripCandlesSvg(t, d.bars.get(t.symbol) ?? [])}</div>`)
    .join('');
  const breakdowns = BREAKDOWN_KINDS.filter((kind) => d.breakdowns[kind].length)
    .map((kind) => `<div><h3>${h(BREAKDOWN_TITLES[kind])}</h3>${table(['Key', 'Trips', 'Win rate', 'Net', 'Avg'], d.breakdowns[kind].map((r) => [r.key, String(r.trips), pct(r.winRate), money(r.net), money(r.avgNet)]))}</div>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Tapedeck — ${h(d.date)}</title><style>${CSS}</style></head>
<body data-report-date="${h(d.date)}">
<h1>Trading day ${h(d.date)}</h1><div class="muted">Matching ${d.method.toUpperCase()} · times ET · generated ${h(new Date(d.generatedAt).toISOString())}</div>
<h2>Summary</h2><div class="kpis">${k}</div>
<h2>Intraday P&amp;L</h2>${pnlCurveSvg(d.trips)}
<h2>Month</h2>${calendarSvg(d.date, d.month)}
<h2>Trips</h2>${trips}${d.trips.some((t) => t.excursionSource === 'bars') ? '<p class="muted">MAE/MFE marked ~ are estimated from 1-minute bars.</p>' : ''}
<h2>Charts</h2>${charts || '<p>No trips this day.</p>'}${d.trips.length > MAX_TRIP_CHARTS ? `<p class="muted">Candles for the first ${MAX_TRIP_CHARTS} of ${d.trips.length} trips; the table has them all.</p>` : ''}
<h2>Breakdowns</h2><div class="grid">${breakdowns}</div>
<h2>Reconciliation with IB</h2>${table(['Check', 'Value'], reconciliationRows(d.reconciliation))}
</body></html>
`;
}
