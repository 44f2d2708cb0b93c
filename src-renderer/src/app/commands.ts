/**
 * Actions the keyboard shortcuts trigger, registered by the panel that owns them while mounted.
 * A registry rather than props so the shortcut handler needs no knowledge of grid or chart internals.
 */
export type CommandName = 'scanner.focusFilter' | 'scanner.startSelected' | 'scanner.clearSelection' | 'ladder.centre' | 'symbol.focus';

const handlers = new Map<CommandName, () => void>();

/** Registers a handler; returns the unregister function for an effect cleanup. */
export function registerCommand(name: CommandName, handler: () => void): () => void {
  handlers.set(name, handler);
  return () => {
    if (handlers.get(name) === handler) handlers.delete(name);
  };
}

export function runCommand(name: CommandName): boolean {
  const h = handlers.get(name);
  if (!h) return false;
  h();
  return true;
}

export interface ShortcutHelp {
  keys: string;
  does: string;
}

export const SHORTCUTS: ShortcutHelp[] = [
  { keys: 'Ctrl/⌘ + K', does: 'Open any symbol or future (AAPL, ES, /NQ, ESZ6) in the chart and ladder' },
  { keys: '/', does: 'Focus the scanner quick filter' },
  { keys: 'Ctrl/⌘ + Enter', does: 'Start recording the selected scanner rows' },
  { keys: 'Click · Ctrl/⌘-click · Shift-click', does: 'Scanner: select one row · toggle a row · extend from the last clicked' },
  { keys: 'Ctrl/⌘ + A · Space', does: 'Scanner (grid focused): select all shown rows · toggle the focused row' },
  { keys: 'Esc', does: 'Clear the selection / close a dialog' },
  { keys: 'C', does: 'Re-centre the ladder on the inside' },
  { keys: 'Space', does: 'Replay: play / pause' },
  { keys: '← / →', does: 'Replay: step one depth event back / forward' },
  { keys: 'Shift + ← / →', does: 'Replay: previous / next trade' },
  { keys: 'G · Shift+G', does: 'Replay: next / previous gap' },
  { keys: 'M · Shift+M', does: 'Replay: next / previous marker' },
  { keys: '+ / −', does: 'Replay: faster / slower (0.1× … 100×, max)' },
  { keys: 'T', does: 'Replay: jump to a time (ET)' },
  { keys: 'Home / End', does: 'Replay: to the session start / end' },
  { keys: 'Wheel · Shift+wheel · drag · click', does: 'Replay heatmap: zoom time at the cursor · zoom price · pan · seek there (fit resets)' },
  { keys: '?', does: 'Show or hide this help' },
  { keys: 'Ladder click (armed)', does: 'Bid column: buy limit at that price · ask column: sell limit · Shift: a stop instead · Σ column ×: cancel your order there · drag an order: move it' },
];
