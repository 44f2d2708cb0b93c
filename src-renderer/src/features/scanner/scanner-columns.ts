import type { CellClassRules, ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { ScannerRow } from '../../../../src-shared/contract/features/scanner';
import { fmtEtTime } from '../../lib/et-time';
import { DASH, fmtPct, fmtPrice, fmtRatio, fmtSpread, fmtVolume } from '../../lib/format';

type Fmt = (p: ValueFormatterParams<ScannerRow>) => string;

const signRules: CellClassRules<ScannerRow> = {
  'num-up': (p) => typeof p.value === 'number' && p.value > 0,
  'num-down': (p) => typeof p.value === 'number' && p.value < 0,
};

const num = (field: keyof ScannerRow, headerName: string, fmt: (v: number | null) => string, extra: Partial<ColDef<ScannerRow>> = {}): ColDef<ScannerRow> => ({
  field,
  headerName,
  type: 'rightAligned',
  cellClass: 'mono',
  valueFormatter: ((p) => fmt(p.value as number | null)) as Fmt,
  ...extra,
});

const rvolText: Fmt = (p) => {
  const state = p.data?.rvolState;
  if (state === 'loading') return 'loading…';
  if (state === 'unavailable') return 'n/a';
  return fmtRatio(p.value as number | null);
};

const gapText: Fmt = (p) => {
  const s = fmtPct(p.value as number | null);
  return p.data?.gapFrozen && s !== DASH ? `${s} ❄` : s;
};

const scoreTip = (row: ScannerRow | undefined): string | undefined => {
  const parts = row?.scoreParts;
  if (!parts) return row ? 'Score not computed yet' : undefined;
  const f = (n: number) => n.toFixed(1);
  return `price ${f(parts.price)} · spread ${f(parts.spread)} · gap ${f(parts.gap)} · rvol ${f(parts.rvol)} · rank ${f(parts.rank)}`;
};

const RECORDING_TEXT: Record<ScannerRow['recording'], string> = {
  none: '',
  queued: 'queued',
  tape: 'tape',
  depth: '● REC',
  error: 'error',
};

/** Scanner grid columns; `colId`s are stable because saved column state refers to them. */
export const scannerColumns: ColDef<ScannerRow>[] = [
  { field: 'symbol', headerName: 'Symbol', pinned: 'left', width: 90, cellClass: 'sym' },
  num('last', 'Last', fmtPrice, { width: 76 }),
  num('changePct', 'Chg %', (v) => fmtPct(v), { width: 76, cellClassRules: signRules }),
  {
    ...num('gapPct', 'Gap %', (v) => fmtPct(v), { width: 84, cellClassRules: signRules }),
    valueFormatter: gapText,
    tooltipValueGetter: (p) => (p.data?.gapFrozen ? 'Premarket gap frozen at 09:30 ET' : undefined),
  },
  num('premarketVolume', 'PM Vol', fmtVolume, { width: 78 }),
  num('volume', 'Volume', fmtVolume, { width: 80 }),
  {
    ...num('rvol', 'RVOL', fmtRatio, { width: 74 }),
    // Only a ready RVOL is a number; sorting must not rank "loading" rows by a stale value.
    valueGetter: (p) => (p.data?.rvolState === 'ready' ? p.data.rvol : null),
    valueFormatter: rvolText,
  },
  num('spread', 'Spread', fmtSpread, {
    width: 70,
    tooltipValueGetter: (p) => (p.data?.spreadPct != null ? `${p.data.spreadPct.toFixed(2)}% of price` : undefined),
  }),
  num('score', 'Score', (v) => (v === null ? DASH : v.toFixed(1)), {
    width: 66,
    tooltipValueGetter: (p) => scoreTip(p.data),
    sort: 'desc',
  }),
  {
    field: 'firstSeen',
    headerName: 'First seen (ET)',
    width: 100,
    cellClass: 'mono',
    valueFormatter: ((p) => fmtEtTime(p.value as number)) as Fmt,
  },
  {
    field: 'halted',
    headerName: 'Halt',
    width: 58,
    valueFormatter: ((p) => (p.value ? 'HALT' : '')) as Fmt,
    cellClassRules: { 'cell-halted': (p) => p.value === true },
  },
  {
    field: 'recording',
    headerName: 'Rec',
    width: 70,
    valueFormatter: ((p) => RECORDING_TEXT[p.value as ScannerRow['recording']] ?? '') as Fmt,
    cellClassRules: {
      'rec-depth': (p) => p.value === 'depth',
      'rec-queued': (p) => p.value === 'queued' || p.value === 'tape',
      'rec-error': (p) => p.value === 'error',
    },
  },
];
