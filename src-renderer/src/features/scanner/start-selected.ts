import { api } from '../../lib/api';
import { useScannerStore } from './scanner-store';

/** Asks the recorder to start the given symbols and reports the outcome next to the button. */
export async function startSymbols(symbols: string[]): Promise<void> {
  if (symbols.length === 0) {
    useScannerStore.setState({ actionMessage: { kind: 'error', text: 'Select one or more rows first (click, Ctrl/⌘-click, Shift-click, checkbox or Space).' } });
    return;
  }
  useScannerStore.setState({ actionMessage: null });
  const r = await api.call('recorder:start', { symbols });
  useScannerStore.setState({
    actionMessage: r.ok
      ? { kind: 'ok', text: `Started ${symbols.join(', ')}` }
      : { kind: 'error', text: r.error.message },
  });
}
