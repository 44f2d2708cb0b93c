/**
 * Tradervue's generic import format (Date, Time, Symbol, Quantity, Price, Side, Commission): one row per
 * execution, times in ET (choose "Eastern" when importing), quantity positive with the side saying which way.
 */
import { etDate } from '../../src-shared/domain/et-time';
import type { Fill } from '../../src-shared/domain/trades/fill';
import { etClock } from './format';

export const TRADERVUE_COLUMNS = ['Date', 'Time', 'Symbol', 'Quantity', 'Price', 'Side', 'Commission'] as const;

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function tradervueCsv(fills: readonly Fill[]): string {
  const lines = [TRADERVUE_COLUMNS.join(',')];
  for (const f of [...fills].sort((a, b) => a.time - b.time || (a.execId < b.execId ? -1 : 1))) {
    lines.push([etDate(f.time), etClock(f.time), f.symbol, String(f.shares), String(f.price), f.side === 'BUY' ? 'Buy' : 'Sell', f.commission === null ? '' : f.commission.toFixed(4)].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
