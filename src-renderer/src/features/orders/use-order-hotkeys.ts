import { useEffect } from 'react';
import { useFocusStore } from '../../app/focus-store';
import { actionFor, chordOf, hotkeyIntent, type HotkeyAction } from './hotkeys';
import { newIntentId } from './order-form';
import { cancelAll, canEnter, flattenAll, placeIntent, useTradingStore } from './trading-store';

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Runs one hotkey action. Nothing is sent while disarmed (or reconciling); the notice says why. */
export function runHotkey(action: HotkeyAction): void {
  const st = useTradingStore.getState();
  const state = st.status?.state ?? 'disarmed';
  const key = st.hotkeys.keys[action];
  if (state === 'disarmed' || state === 'reconciling') return st.say('error', `${key}: nothing sent — ${state}: arm to trade`);
  if (action === 'cancelAll') return void cancelAll();
  if (action === 'flatten') return void flattenAll();
  if (!canEnter(st.status)) return st.say('error', `${key}: nothing sent — ${state}: ${st.status?.reason ?? ''}`);
  const symbol = useFocusStore.getState().symbol;
  const inside = st.inside;
  if (!symbol || !inside || inside.symbol !== symbol) return st.say('error', `${key}: nothing sent — no inside quote for ${symbol ?? 'the focused symbol'}`);
  void placeIntent(hotkeyIntent(action, symbol, inside, st.hotkeys, newIntentId('hk')), `hotkey ${key}`);
}

/** Listens for the configured order hotkeys (not while typing in a field). */
export function useOrderHotkeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || isTyping(e.target)) return;
      const action = actionFor(useTradingStore.getState().hotkeys, chordOf(e));
      if (!action) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      runHotkey(action);
    };
    // Capture phase, so a configured chord never also triggers a plain shortcut underneath it.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
