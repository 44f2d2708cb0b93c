import { create } from 'zustand';

/** The symbol the chart and ladder follow. */
interface FocusState {
  symbol: string | null;
  setSymbol(symbol: string | null): void;
}

export const useFocusStore = create<FocusState>()((set) => ({
  symbol: null,
  setSymbol: (symbol) => set((s) => (s.symbol === symbol ? s : { symbol })),
}));
