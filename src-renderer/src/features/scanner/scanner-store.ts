import { create } from 'zustand';

/** What React shows about the scanner; the rows themselves go straight to the grid. */
interface ScannerState {
  error: string | null;
  updatedAt: number | null;
  rowCount: number;
  loaded: boolean;
  selected: string[];
  /** Result of the last Start Selected, shown next to the button. */
  actionMessage: { kind: 'ok' | 'error'; text: string } | null;
}

export const useScannerStore = create<ScannerState>()(() => ({
  error: null,
  updatedAt: null,
  rowCount: 0,
  loaded: false,
  selected: [],
  actionMessage: null,
}));
