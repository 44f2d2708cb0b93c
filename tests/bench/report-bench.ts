/**
 * Journal report timings: 10,000 round trips → statistics + breakdowns + the self-contained HTML (budget
 * < 200 ms, DESIGN §8), fills → round trips on their own, and the PDF of a realistic 20-trip day through
 * headless Chromium. Run: npm run bench -- report
 */
import { existsSync } from 'node:fs';
import { addDays } from '../../src-shared/domain/civil-date';
import { etToEpoch } from '../../src-shared/domain/et-time';
import { computeBreakdowns } from '../../src-shared/domain/trades/breakdowns';
import type { Fill } from '../../src-shared/domain/trades/fill';
import { buildRoundTrips } from '../../src-shared/domain/trades/round-trips';
import { computeStats } from '../../src-shared/domain/trades/stats';
import type { Bar } from '../../src-shared/domain/bar';
import { htmlReport } from '../../src-main/reports/html';
import { CHROMIUM_PATH, chromiumPrinter } from '../../src-main/reports/pdf';
import { type DayReport, reconcile } from '../../src-main/reports/report-data';
import type { RoundTrip } from '../../src-shared/domain/trades/round-trip';

interface Figure {
  name: string;
  value: number;
  unit: string;
}

const SYMBOLS = ['AAPL', 'TSLA', 'NVDA', 'AMD', 'META', 'AMC', 'GME', 'SOFI'];

/** Deterministic fills: each trip a scale-in and a two-part exit, spread over ~250 sessions. */
function makeFills(trips: number): Fill[] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const fills: Fill[] = [];
  let n = 0;
  for (let i = 0; i < trips; i++) {
    const date = addDays('2025-01-02', Math.floor(i / 40));
    const sym = SYMBOLS[i % SYMBOLS.length];
    const t0 = etToEpoch(date, 9, 30) + (i % 40) * 9 * 60_000;
    const px = 10 + rnd() * 90;
    const short = rnd() < 0.3;
    const side = (b: boolean) => ((b !== short) ? 'BUY' : 'SELL') as 'BUY' | 'SELL';
    const mk = (buy: boolean, shares: number, price: number, dt: number): Fill => ({
      execId: `b.${(n++).toString(16)}.01.01`, permId: n, orderId: n, orderRef: null, clientId: 0, account: 'DU1', conId: i % SYMBOLS.length, symbol: sym,
      secType: 'STK', side: side(buy), shares, price: Math.round(price * 100) / 100, multiplier: 1, time: t0 + dt, exchange: 'ISLAND',
      commission: 1, currency: 'USD', ibRealizedPnl: null, source: 'import',
    });
    const move = (rnd() - 0.45) * px * 0.02;
    fills.push(mk(true, 100, px, 0), mk(true, 100, px + move / 3, 60_000), mk(false, 120, px + move, 240_000), mk(false, 80, px + move / 2, 420_000));
  }
  return fills;
}

function dayReport(trips: RoundTrip[], bars: Map<string, Bar[]>): DayReport {
  const stats = computeStats(trips);
  return { date: '2025-01-02', generatedAt: 0, method: 'fifo', trips, fills: [], stats, breakdowns: computeBreakdowns(trips), month: stats.days.slice(0, 23), bars, reconciliation: reconcile(trips) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchReport(): Promise<Figure[]> {
  const fills = makeFills(10_000);
  const t0 = performance.now();
  const trips = buildRoundTrips(fills);
  const buildMs = performance.now() - t0;
  const runs: number[] = [];
  let bytes = 0;
  for (let r = 0; r < 5; r++) {
    const s = performance.now();
    const html = htmlReport(dayReport(trips, new Map()));
    runs.push(performance.now() - s);
    bytes = html.length;
  }
  const statsRuns: number[] = [];
  for (let r = 0; r < 5; r++) {
    const s = performance.now();
    computeStats(trips);
    computeBreakdowns(trips);
    statsRuns.push(performance.now() - s);
  }
  const figures: Figure[] = [
    { name: 'report_trips', value: trips.length, unit: 'trips' },
    { name: 'report_fills_to_round_trips_10k', value: buildMs, unit: 'ms' },
    { name: 'report_stats_breakdowns_10k_median', value: median(statsRuns), unit: 'ms' },
    { name: 'report_stats_plus_html_10k_median', value: median(runs), unit: 'ms' },
    { name: 'report_html_10k_size', value: bytes / 1e6, unit: 'MB' },
  ];
  if (existsSync(CHROMIUM_PATH)) {
    const day = trips.slice(0, 20);
    const bars = new Map<string, Bar[]>();
    for (const sym of SYMBOLS) {
      const base = etToEpoch('2025-01-02', 9, 30);
      bars.set(sym, Array.from({ length: 390 }, (_, i) => ({ tsOpen: base + i * 60_000, open: 50, high: 50.5, low: 49.5, close: 50.2, volume: 1000 })));
    }
    const html = htmlReport(dayReport(day, bars));
    const printer = chromiumPrinter();
    const s = performance.now();
    const pdf = await printer.print(html);
    figures.push({ name: 'report_pdf_day_20_trips', value: performance.now() - s, unit: 'ms' }, { name: 'report_pdf_day_20_trips_size', value: pdf.length / 1e3, unit: 'kB' });
  }
  return figures;
}
