import { create } from 'zustand';
import { Symbol } from '../../../../src-shared/domain/brand';
import type { OrderIntent } from '../../../../src-shared/domain/risk/intent';
import type { OrderRow, PositionRow, TradingStatus } from '../../../../src-shared/contract/features/trading';
import type { TradingMode } from '../../../../src-shared/domain/trading/state-machine';
import { useFocusStore } from '../../app/focus-store';
import { api } from '../../lib/api';
import { DEFAULT_HOTKEYS, parseHotkeys, type HotkeyConfig } from './hotkeys';

/** The last thing order entry has to say: a refusal with its rule, or what was sent. */
export interface TradingNotice {
  level: 'info' | 'error';
  message: string;
  ts: number;
}

interface TradingStore {
  status: TradingStatus | null;
  orders: OrderRow[];
  positions: PositionRow[];
  notice: TradingNotice | null;
  hotkeys: HotkeyConfig;
  /** The focused symbol's inside as the ladder last saw it (hotkeys trade against it). */
  inside: { symbol: string; bid: number; ask: number } | null;
  say(level: TradingNotice['level'], message: string): void;
  setHotkeys(h: HotkeyConfig): void;
}

const HOTKEY_KEY = 'tapedeck.hotkeys';
const readHotkeys = (): HotkeyConfig => {
  try {
    return parseHotkeys(window.localStorage.getItem(HOTKEY_KEY));
  } catch {
    return DEFAULT_HOTKEYS;
  }
};

export const useTradingStore = create<TradingStore>()((set) => ({
  status: null,
  orders: [],
  positions: [],
  notice: null,
  hotkeys: readHotkeys(),
  inside: null,
  say: (level, message) => set({ notice: { level, message, ts: Date.now() } }),
  setHotkeys: (hotkeys) => {
    set({ hotkeys });
    try {
      window.localStorage.setItem(HOTKEY_KEY, JSON.stringify(hotkeys));
    } catch {
      // A private window without storage keeps the keys for this session only.
    }
  },
}));

/** Entry orders go out only in these states; the main process enforces it, the UI just says so first. */
export const canEnter = (s: TradingStatus | null): boolean => s?.state === 'armed' || s?.state === 'reducing';

let listening = false;
/** Subscribes once and loads the first snapshot; events are newer than a call's answer, so they win. */
export function startTrading(): void {
  if (listening) return;
  listening = true;
  api.on('trading:status', (status) => useTradingStore.setState({ status }));
  api.on('orders:rows', (orders) => useTradingStore.setState({ orders }));
  api.on('positions:rows', (positions) => useTradingStore.setState({ positions }));
  prepareFocused();
  void Promise.all([api.call('trading:status'), api.call('orders:list'), api.call('positions:list')]).then(([s, o, p]) => {
    const st = useTradingStore.getState();
    useTradingStore.setState({
      status: st.status ?? (s.ok ? s.value : null),
      orders: st.orders.length ? st.orders : o.ok ? o.value : [],
      positions: st.positions.length ? st.positions : p.ok ? p.value : [],
    });
  });
}

let prepareTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Gets a symbol ready to trade in main before its first order (orders:prepare: contract and order-entry quote
 * line), so the first click or ticket submit does not wait a second for them. Debounced: typing through symbols
 * does not open a line for each.
 */
export function prepareSoon(symbol: string | null): void {
  clearTimeout(prepareTimer);
  const s = Symbol.safeParse(symbol ?? '');
  if (s.success) prepareTimer = setTimeout(() => void api.call('orders:prepare', { symbol: s.data }), PREPARE_DEBOUNCE_MS);
}

/** The focused symbol (ladder, chart, symbol box) is prepared as it changes. */
function prepareFocused(): void {
  prepareSoon(useFocusStore.getState().symbol);
  useFocusStore.subscribe((st, prev) => st.symbol !== prev.symbol && prepareSoon(st.symbol));
}
export const PREPARE_DEBOUNCE_MS = 250;

const say = (level: TradingNotice['level'], message: string) => useTradingStore.getState().say(level, message);

async function refresh(): Promise<void> {
  const [o, p] = await Promise.all([api.call('orders:list'), api.call('positions:list')]);
  if (o.ok) useTradingStore.setState({ orders: o.value });
  if (p.ok) useTradingStore.setState({ positions: p.value });
}

/**
 * Re-reads the book until `done` holds or `ms` pass: the service may apply a cancel or modify when IB's answer
 * comes back without emitting orders:rows, so one read right after the call can still show the old row.
 */
async function refreshUntil(done: (rows: OrderRow[]) => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    await refresh();
    if (done(useTradingStore.getState().orders) || Date.now() > until) return;
    await new Promise((res) => setTimeout(res, 100));
  }
}

export async function placeIntent(intent: OrderIntent, via: string): Promise<boolean> {
  const r = await api.call('orders:place', intent);
  if (!r.ok) {
    say('error', `${via}: refused — ${r.error.message}`);
    return false;
  }
  const px = intent.limitPrice ?? intent.stopPrice;
  say('info', `${via}: sent ${intent.side} ${intent.quantity} ${intent.symbol} ${intent.type}${px !== undefined ? ` ${px}` : ''}${intent.bracket ? ' bracket' : ''}${r.value.duplicate ? ' (already sent)' : ''}`);
  void refresh();
  return true;
}

export async function cancelOrder(orderId: number): Promise<void> {
  const r = await api.call('orders:cancel', { orderId });
  if (r.ok) await refreshUntil((rows) => !rows.some((o) => o.orderId === orderId && o.working));
  say(r.ok ? 'info' : 'error', r.ok ? `cancel #${orderId} sent` : `cancel #${orderId}: ${r.error.message}`);
}

export async function modifyOrder(orderId: number, price: { limitPrice?: number; stopPrice?: number }): Promise<void> {
  const r = await api.call('orders:modify', { orderId, ...price });
  const moved = (o: OrderRow) => o.orderId === orderId && (o.limitPrice === price.limitPrice || o.stopPrice === price.stopPrice);
  if (r.ok) await refreshUntil((rows) => rows.some(moved));
  say(r.ok ? 'info' : 'error', r.ok ? `#${orderId} moved to ${price.limitPrice ?? price.stopPrice}` : `move #${orderId}: ${r.error.message}`);
}

export async function cancelAll(): Promise<void> {
  const r = await api.call('orders:cancelAll');
  say(r.ok ? 'info' : 'error', r.ok ? `cancel all sent (${r.value.working} working)` : `cancel all: ${r.error.message}`);
}

export async function flattenAll(): Promise<void> {
  const r = await api.call('orders:flattenAll');
  say(r.ok ? 'info' : 'error', r.ok ? `flatten: ${r.value.cancelled} cancelled, ${r.value.closing.length} closing` : `flatten: ${r.error.message}`);
  void refresh();
}

export async function arm(mode: TradingMode, typedAccount?: string): Promise<boolean> {
  const r = await api.call('trading:arm', typedAccount ? { mode, typedAccount } : { mode });
  if (r.ok) useTradingStore.setState({ status: r.value });
  say(r.ok ? 'info' : 'error', r.ok ? r.value.reason : `arm refused — ${r.error.message}`);
  return r.ok;
}

export async function disarm(): Promise<void> {
  const r = await api.call('trading:disarm');
  if (r.ok) useTradingStore.setState({ status: r.value });
  say(r.ok ? 'info' : 'error', r.ok ? r.value.reason : `disarm refused — ${r.error.message}`);
}

/** Lifts the reconciliation halt on every mismatched symbol (main acknowledges them all at once). */
export async function acknowledgeMismatch(): Promise<boolean> {
  const r = await api.call('trading:acknowledge');
  if (r.ok) useTradingStore.setState({ status: r.value });
  say(r.ok ? 'info' : 'error', r.ok ? `acknowledged: ${r.value.reason}` : `acknowledge refused — ${r.error.message}`);
  return r.ok;
}

/** Places a fresh protective stop for a filled bracket entry whose stop is gone (through main's risk check). */
export async function reattachStop(intentId: string): Promise<boolean> {
  const r = await api.call('orders:reattachStop', { intentId });
  say(r.ok ? 'info' : 'error', r.ok ? `re-attach stop for ${intentId}: sent (#${r.value.orderIds.join(', #')})` : `re-attach stop for ${intentId}: refused — ${r.error.message}`);
  if (r.ok) {
    const s = await api.call('trading:status');
    if (s.ok) useTradingStore.setState({ status: s.value });
    void refresh();
  }
  return r.ok;
}
