import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../src-shared/contract/features/trading';
import { OrderIntent } from '../../../src-shared/domain/risk/intent';
import { actionFor, chordOf, DEFAULT_HOTKEYS, hotkeyIntent, normaliseChord, parseHotkeys } from '../../../src-renderer/src/features/orders/hotkeys';
import { ladderClick, ladderOverlay } from '../../../src-renderer/src/features/orders/ladder-click';
import { buildIntent, DEFAULT_FORM, newIntentId, riskSize, type OrderForm } from '../../../src-renderer/src/features/orders/order-form';

const form = (p: Partial<OrderForm>): OrderForm => ({ ...DEFAULT_FORM, symbol: 'AAPL', ...p });
const row = (p: Partial<OrderRow>): OrderRow => ({
  orderId: 7, clientId: 1, permId: 1, parentId: 0, orderRef: 'x', role: 'entry', symbol: 'AAPL', side: 'BUY', quantity: 100, type: 'LMT',
  limitPrice: 10.5, stopPrice: null, tif: 'DAY', status: 'Submitted', filled: 0, remaining: 100, avgFillPrice: null, external: false, working: true, updatedAt: 0, ...p,
});

describe('order ticket → intent', () => {
  it('sizes by risk: floor(risk $ ÷ stop distance), 0 for a non-positive distance', () => {
    expect(riskSize(50, 0.2)).toBe(250);
    expect(riskSize(50, 0.3)).toBe(166);
    expect(riskSize(50, 0)).toBe(0);
    expect(riskSize(-1, 0.2)).toBe(0);
  });

  it('builds a bracket with offsets from the limit, rounded to the cent, and the intent parses', () => {
    const r = buildIntent(form({ limitPrice: '10.03', bracket: true, stopOffset: '0.1', targetOffset: '0.3' }), 'ui-1', null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.intent).toMatchObject({ side: 'BUY', quantity: 100, type: 'LMT', limitPrice: 10.03, outsideRth: true, bracket: { stopPrice: 9.93, targetPrice: 10.33 } });
    expect(OrderIntent.safeParse(r.intent).success).toBe(true);
    const sell = buildIntent(form({ side: 'SELL', limitPrice: '10', bracket: true, stopOffset: '0.1', targetOffset: '0.3' }), 'ui-2', null);
    expect(sell.ok && sell.intent.bracket).toEqual({ stopPrice: 10.1, targetPrice: 9.7 });
  });

  it('risk sizing with a bracket uses the stop offset; a market entry is valued at the touch', () => {
    const r = buildIntent(form({ type: 'MKT', sizing: 'risk', riskDollars: '40', bracket: true, stopOffset: '0.25' }), 'ui-3', { bid: 20, ask: 20.02 });
    expect(r.ok && r.intent).toMatchObject({ quantity: 160, type: 'MKT', bracket: { stopPrice: 19.77, targetPrice: 20.42 } });
    expect(r.ok && r.intent.limitPrice).toBeUndefined();
  });

  it('refuses what has no price, no symbol or no shares, saying which field', () => {
    expect(buildIntent(form({ limitPrice: '' }), 'a', null)).toEqual({ ok: false, message: expect.stringMatching(/^price:/) });
    expect(buildIntent(form({ symbol: ' ' }), 'a', null)).toEqual({ ok: false, message: expect.stringMatching(/^symbol:/) });
    expect(buildIntent(form({ quantity: 'x', limitPrice: '1' }), 'a', null)).toEqual({ ok: false, message: expect.stringMatching(/^quantity:/) });
    expect(buildIntent(form({ type: 'STP LMT', limitPrice: '1', stopPrice: '' }), 'a', null).ok).toBe(false);
    expect(buildIntent(form({ sizing: 'risk', riskDollars: '1', bracket: true, stopOffset: '5', limitPrice: '10' }), 'a', null).ok).toBe(false);
  });

  it('intent ids are unique and valid intent ids', () => {
    const ids = new Set(Array.from({ length: 500 }, () => newIntentId('ui', 1)));
    expect(ids.size).toBe(500);
    for (const id of [...ids].slice(0, 5)) expect(OrderIntent.shape.intentId.safeParse(id).success).toBe(true);
  });
});

describe('hotkeys', () => {
  it('spells chords from key events by code, so Shift does not change the letter', () => {
    expect(chordOf({ key: 'B', code: 'KeyB', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false })).toBe('Shift+B');
    expect(chordOf({ key: '∫', code: 'KeyB', shiftKey: false, ctrlKey: false, metaKey: false, altKey: true })).toBe('Alt+B');
    expect(chordOf({ key: 'F2', code: 'F2', shiftKey: false, ctrlKey: true, metaKey: false, altKey: false })).toBe('Ctrl+F2');
    expect(actionFor(DEFAULT_HOTKEYS, 'Shift+B')).toBe('buyAsk');
    expect(actionFor(DEFAULT_HOTKEYS, 'B')).toBeNull();
  });

  it('normalises typed chords and keeps defaults for a malformed store', () => {
    expect(normaliseChord('shift + b')).toBe('Shift+B');
    expect(normaliseChord('meta+alt+x')).toBe('Ctrl+Alt+X');
    expect(normaliseChord('Shift')).toBeNull();
    expect(parseHotkeys('{bad')).toEqual(DEFAULT_HOTKEYS);
    expect(parseHotkeys(JSON.stringify({ keys: { buyAsk: 'alt+1', sellBid: 3 }, quantity: -5, offset: 0.05 }))).toEqual({
      keys: { ...DEFAULT_HOTKEYS.keys, buyAsk: 'Alt+1' },
      quantity: 100,
      offset: 0.05,
    });
  });

  it('buys at ask + offset and sells at bid − offset as outside-RTH limits', () => {
    const cfg = { ...DEFAULT_HOTKEYS, quantity: 50, offset: 0.03 };
    expect(hotkeyIntent('buyAsk', 'AAPL', { bid: 10.01, ask: 10.02 }, cfg, 'h1')).toEqual({ intentId: 'h1', symbol: 'AAPL', side: 'BUY', quantity: 50, type: 'LMT', limitPrice: 10.05, tif: 'DAY', outsideRth: true });
    expect(hotkeyIntent('sellBid', 'AAPL', { bid: 10.01, ask: 10.02 }, cfg, 'h2')).toMatchObject({ side: 'SELL', limitPrice: 9.98 });
  });
});

describe('ladder click', () => {
  const base = { price: 10.5, shift: false, symbol: 'AAPL', quantity: 100, orders: [row({})], intentId: 'lc-1' };
  it('bid column buys a limit there, ask column sells, Shift makes a stop', () => {
    expect(ladderClick({ ...base, column: 'bid' })).toEqual({ kind: 'place', intent: expect.objectContaining({ side: 'BUY', type: 'LMT', limitPrice: 10.5, outsideRth: true }) });
    expect(ladderClick({ ...base, column: 'ask' })).toEqual({ kind: 'place', intent: expect.objectContaining({ side: 'SELL', type: 'LMT' }) });
    const stop = ladderClick({ ...base, column: 'ask', shift: true });
    expect(stop.kind === 'place' && stop.intent).toMatchObject({ side: 'SELL', type: 'STP', stopPrice: 10.5 });
    expect(stop.kind === 'place' && stop.intent.limitPrice).toBeUndefined();
  });

  it('the × in the Σ column cancels only our own working order on that side and price', () => {
    expect(ladderClick({ ...base, column: 'bidCum' })).toEqual({ kind: 'cancel', orderId: 7 });
    expect(ladderClick({ ...base, column: 'askCum' }).kind).toBe('none');
    expect(ladderClick({ ...base, column: 'bidCum', orders: [row({ external: true })] }).kind).toBe('none');
    expect(ladderClick({ ...base, column: 'bidCum', orders: [row({ working: false })] }).kind).toBe('none');
    expect(ladderClick({ ...base, column: 'price' }).kind).toBe('none');
  });

  it('draws only our working orders of the symbol and a non-flat position', () => {
    const o = ladderOverlay('AAPL', [row({}), row({ orderId: 8, external: true }), row({ orderId: 9, symbol: 'MSFT' }), row({ orderId: 10, type: 'STP', limitPrice: null, stopPrice: 9.9, side: 'SELL', remaining: 40 })], [
      { account: 'DU1', symbol: 'AAPL', conId: 1, position: 0, avgCost: 0, marketPrice: null, unrealizedPnl: null },
    ], null);
    expect(o.marks).toEqual([{ price: 10.5, side: 'BUY', quantity: 100, tag: 'L' }, { price: 9.9, side: 'SELL', quantity: 40, tag: 'S' }]);
    expect(o.position).toBeNull();
    expect(ladderOverlay('AAPL', [], [{ account: 'DU1', symbol: 'AAPL', conId: 1, position: -30, avgCost: 10.2, marketPrice: null, unrealizedPnl: null }], 10).position).toEqual({ price: 10.2, quantity: -30 });
  });
});
