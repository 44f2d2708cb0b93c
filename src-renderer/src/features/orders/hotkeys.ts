import type { OrderIntent } from '../../../../src-shared/domain/risk/intent';
import { roundPrice } from './order-form';

export type HotkeyAction = 'buyAsk' | 'sellBid' | 'cancelAll' | 'flatten';

export interface HotkeyConfig {
  keys: Record<HotkeyAction, string>;
  /** Shares per hotkey order and ladder click. */
  quantity: number;
  /** Dollars added to the ask (buy) or taken off the bid (sell): a marketable limit. */
  offset: number;
}

/** DAS/TWS-style defaults: Shift+letter, so a stray letter while reading never trades. */
export const DEFAULT_HOTKEYS: HotkeyConfig = {
  keys: { buyAsk: 'Shift+B', sellBid: 'Shift+S', cancelAll: 'Shift+X', flatten: 'Shift+F' },
  quantity: 100,
  offset: 0.02,
};

export const HOTKEY_LABELS: Record<HotkeyAction, string> = {
  buyAsk: 'Buy the focused symbol: limit at ask + offset (outside RTH)',
  sellBid: 'Sell the focused symbol: limit at bid − offset (outside RTH)',
  cancelAll: 'Cancel all working orders',
  flatten: 'Flatten all: cancel everything, close every position',
};

/** The chord a key event spells, in the same form as the config: "Ctrl+Alt+Shift+K", letters upper-case. */
export function chordOf(e: { key: string; code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): string {
  // `code` keeps Shift/Alt from changing the letter (Shift+1 is "!", Alt+B is "∫" on a Mac).
  const m = /^(Key|Digit)(.)$/.exec(e.code);
  const key = m ? m[2] : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** Normalises a typed chord ("shift+b" → "Shift+B"); null when it has no key or uses only modifiers. */
export function normaliseChord(s: string): string | null {
  const parts = s.split('+').map((p) => p.trim()).filter(Boolean);
  const key = parts.pop();
  if (!key || ['ctrl', 'alt', 'shift', 'meta'].includes(key.toLowerCase())) return null;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return [mods.has('ctrl') || mods.has('meta') ? 'Ctrl' : '', mods.has('alt') ? 'Alt' : '', mods.has('shift') ? 'Shift' : '', key.length === 1 ? key.toUpperCase() : key]
    .filter(Boolean)
    .join('+');
}

export function actionFor(config: HotkeyConfig, chord: string): HotkeyAction | null {
  for (const [action, keys] of Object.entries(config.keys) as [HotkeyAction, string][]) if (keys === chord) return action;
  return null;
}

/** Reads a stored config, keeping defaults for anything missing or malformed (the store is user-editable). */
export function parseHotkeys(raw: string | null): HotkeyConfig {
  if (!raw) return DEFAULT_HOTKEYS;
  try {
    const v = JSON.parse(raw) as Partial<HotkeyConfig>;
    const keys = { ...DEFAULT_HOTKEYS.keys };
    for (const a of Object.keys(keys) as HotkeyAction[]) {
      const k = typeof v.keys?.[a] === 'string' ? normaliseChord(v.keys[a]) : null;
      if (k) keys[a] = k;
    }
    const quantity = Number.isInteger(v.quantity) && (v.quantity as number) > 0 ? (v.quantity as number) : DEFAULT_HOTKEYS.quantity;
    const offset = typeof v.offset === 'number' && v.offset >= 0 && v.offset < 100 ? v.offset : DEFAULT_HOTKEYS.offset;
    return { keys, quantity, offset };
  } catch {
    return DEFAULT_HOTKEYS;
  }
}

/** Buy at ask + offset / sell at bid − offset, as an outside-RTH day limit (marketable in pre- and post-market). */
export function hotkeyIntent(action: 'buyAsk' | 'sellBid', symbol: string, inside: { bid: number; ask: number }, config: HotkeyConfig, intentId: string): OrderIntent {
  const buy = action === 'buyAsk';
  const limitPrice = roundPrice(buy ? inside.ask + config.offset : inside.bid - config.offset);
  return { intentId, symbol, side: buy ? 'BUY' : 'SELL', quantity: config.quantity, type: 'LMT', limitPrice, tif: 'DAY', outsideRth: true };
}
