/** Pure helpers of the DataBento panel: what the cost means for the import, and progress in words. */
import type { DatabentoCost, DatabentoProgress } from '../../../../src-shared/contract/features/databento';

export interface CostVerdict {
  /** The import needs the trader's explicit "yes" (the cost is above their limit). */
  needsConfirm: boolean;
  text: string;
}

const usd = (n: number) => `$${n.toFixed(n < 10 ? 2 : 0)}`;

export function costVerdict(c: DatabentoCost, maxCost: number): CostVerdict {
  if (c.cached) return { needsConfirm: false, text: `Already downloaded: importing again costs nothing.` };
  if (c.cost <= maxCost) return { needsConfirm: false, text: `DataBento charges ${usd(c.cost)} for this window (your limit is ${usd(maxCost)}).` };
  return { needsConfirm: true, text: `DataBento charges ${usd(c.cost)}, above your limit of ${usd(maxCost)}: tick "I accept this cost" to import.` };
}

const PHASE: Record<DatabentoProgress['phase'], string> = {
  cost: 'asking the cost',
  download: 'downloading',
  convert: 'converting to a recording',
  done: 'done',
  failed: 'failed',
};

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function progressWords(p: DatabentoProgress): string {
  const bytes = p.bytes > 0 ? ` · ${fmtBytes(p.bytes)}` : '';
  const msg = p.message ? ` · ${p.message}` : '';
  return `${p.symbol} ${p.date}: ${PHASE[p.phase]}${bytes}${msg}`;
}
