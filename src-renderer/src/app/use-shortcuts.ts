import { useEffect } from 'react';
import { runCommand } from './commands';

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export interface ShortcutCallbacks {
  toggleHelp(): void;
  /** Returns true when it closed something (then Esc does nothing else). */
  closeOverlays(): boolean;
}

/** Global keyboard shortcuts; letters are ignored while typing in a field, Esc, Ctrl+Enter and Ctrl+K are not. */
export function useShortcuts(cb: ShortcutCallbacks): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (cb.closeOverlays()) return;
        if (isTyping(e.target)) (e.target as HTMLElement).blur();
        runCommand('scanner.clearSelection');
        return;
      }
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        runCommand('scanner.startSelected');
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        runCommand('symbol.focus');
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        e.preventDefault();
        runCommand('scanner.focusFilter');
      } else if (e.key === '?') {
        cb.toggleHelp();
      } else if (e.key === 'c' || e.key === 'C') {
        runCommand('ladder.centre');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cb]);
}
