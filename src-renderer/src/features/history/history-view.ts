/** Pure helpers for the History tab: grid columns, money text, the month calendar's cells. */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { parseYmd, weekday } from '../../../../src-shared/domain/civil-date';
import { etMsOfDay } from '../../../../src-shared/domain/et-time';
import type { Fill } from '../../../../src-shared/domain/trades/fill';
import type { RoundTrip } from '../../../../src-shared/domain/trades/round-trip';
import type { DailyPnl } from '../../../../src-shared/domain/trades/stats';

export function fmtMoney(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const cents = Math.round(v * 100);
  const abs = (Math.abs(cents) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents < 0 ? `−$${abs}` : cents > 0 ? `+$${abs}` : `$${abs}`;
}

export function fmtEtClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const s = Math.floor(etMsOfDay(ms) / 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

export function fmtHold(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return 'open';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

const money = (p: ValueFormatterParams) => fmtMoney(p.value as number | null);
const pnlClass = (p: { value: unknown }) => (typeof p.value === 'number' ? (p.value > 0 ? 'pos' : p.value < 0 ? 'neg' : '') : '');

export const tripColumns: ColDef<RoundTrip>[] = [
  { field: 'symbol', headerName: 'Symbol', width: 84, filter: true },
  { field: 'direction', headerName: 'Side', width: 70, filter: true },
  { field: 'entryTime', headerName: 'Entry (ET)', width: 92, valueFormatter: (p) => fmtEtClock(p.value) },
  { field: 'exitTime', headerName: 'Exit (ET)', width: 92, valueFormatter: (p) => (p.value === null ? 'open' : fmtEtClock(p.value)) },
  { field: 'holdMs', headerName: 'Hold', width: 80, valueFormatter: (p) => fmtHold(p.value) },
  { field: 'maxShares', headerName: 'Shares', width: 76, type: 'numericColumn' },
  { field: 'avgEntry', headerName: 'Avg in', width: 86, type: 'numericColumn', valueFormatter: (p) => (p.value as number).toFixed(4) },
  { field: 'avgExit', headerName: 'Avg out', width: 86, type: 'numericColumn', valueFormatter: (p) => (p.value === null ? '—' : (p.value as number).toFixed(4)) },
  { field: 'gross', headerName: 'Gross', width: 92, type: 'numericColumn', valueFormatter: money, cellClass: pnlClass },
  { field: 'fees', headerName: 'Fees', width: 76, type: 'numericColumn', valueFormatter: (p) => fmtMoney(p.value).replace('+', '') + (p.data?.feesPending ? '*' : '') },
  { field: 'net', headerName: 'Net', width: 96, type: 'numericColumn', valueFormatter: money, cellClass: pnlClass, filter: 'agNumberColumnFilter' },
  { field: 'r', headerName: 'R', width: 64, type: 'numericColumn', valueFormatter: (p) => (p.value === null ? '—' : `${(p.value as number).toFixed(2)}R`) },
  { field: 'mae', headerName: 'MAE', width: 86, type: 'numericColumn', valueFormatter: (p) => (p.value === null ? '—' : `${p.data?.excursionSource === 'bars' ? '~' : ''}${fmtMoney(p.value)}`) },
  { field: 'mfe', headerName: 'MFE', width: 86, type: 'numericColumn', valueFormatter: (p) => (p.value === null ? '—' : `${p.data?.excursionSource === 'bars' ? '~' : ''}${fmtMoney(p.value)}`) },
  { field: 'tags', headerName: 'Tags', width: 120, valueFormatter: (p) => (p.value as string[]).join(', '), filter: true },
];

export const fillColumns: ColDef<Fill>[] = [
  { field: 'time', headerName: 'Time (ET)', width: 92, valueFormatter: (p) => fmtEtClock(p.value) },
  { field: 'symbol', headerName: 'Symbol', width: 84, filter: true },
  { field: 'side', headerName: 'Side', width: 64, filter: true },
  { field: 'shares', headerName: 'Shares', width: 76, type: 'numericColumn' },
  { field: 'price', headerName: 'Price', width: 86, type: 'numericColumn' },
  { field: 'commission', headerName: 'Commission', width: 96, type: 'numericColumn', valueFormatter: (p) => (p.value === null ? 'pending' : (p.value as number).toFixed(4)) },
  { field: 'ibRealizedPnl', headerName: 'IB realized', width: 100, type: 'numericColumn', valueFormatter: money, cellClass: pnlClass },
  { field: 'source', headerName: 'Source', width: 100, filter: true },
  { field: 'account', headerName: 'Account', width: 96, filter: true },
  { field: 'execId', headerName: 'Exec id', width: 200 },
];

export interface CalendarCell {
  date: string;
  day: number;
  /** 0 = Monday … 4 = Friday. */
  column: number;
  row: number;
  net: number | null;
  /** 0..1 of the month's largest absolute day. */
  intensity: number;
}

/** The month of `date` as weekday cells, each with its day's net P&L. */
export function calendarCells(date: string, days: readonly DailyPnl[]): CalendarCell[] {
  const { y, m } = parseYmd(date);
  const byDate = new Map(days.map((d) => [d.date, d.net]));
  const maxAbs = Math.max(1, ...days.map((d) => Math.abs(d.net)));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells: CalendarCell[] = [];
  let row = 0;
  for (let d = 1; d <= last; d++) {
    const dow = weekday(y, m, d);
    if (dow === 0 || dow === 6) continue;
    if (dow === 1 && cells.length) row += 1;
    const ymd = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const net = byDate.get(ymd) ?? null;
    cells.push({ date: ymd, day: d, column: dow - 1, row, net, intensity: net === null ? 0 : Math.abs(net) / maxAbs });
  }
  return cells;
}

/** First and last day of the month holding `date`. */
export function monthRange(date: string): { from: string; to: string } {
  const { y, m } = parseYmd(date);
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}

export type CurveRange = 'day' | 'month' | 'year';

/** The ET dates an equity-curve range covers around `date`: the day, its month, or the year up to it. */
export function curveRange(range: CurveRange, date: string): { from: string; to: string } {
  if (range === 'day') return { from: date, to: date };
  if (range === 'month') return monthRange(date);
  return { from: `${parseYmd(date).y}-01-01`, to: date };
}
