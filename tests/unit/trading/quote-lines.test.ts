import { describe, expect, it } from 'vitest';
import { QuoteLines, RECENT_QUOTE_LINES } from '../../../src-main/trading/quote-lines';

const inst = (symbol: string) => ({ symbol, conId: symbol.length, secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', minTick: 0.01 }) as never;

function port() {
  const watched = new Set<string>();
  const log: string[] = [];
  return {
    watched, log,
    watchQuote: (i: { symbol: string }) => {
      if (!watched.has(i.symbol)) log.push(`+${i.symbol}`);
      watched.add(i.symbol);
    },
    unwatchQuote: (s: string) => {
      if (watched.delete(s)) log.push(`-${s}`);
    },
    watchedQuotes: () => [...watched],
  };
}

describe('order-entry quote lines', () => {
  it('keeps the most recent few open and closes the oldest unneeded one first', () => {
    const p = port();
    const lines = new QuoteLines({ orders: p, needed: () => false, max: 3 });
    for (const s of ['A', 'B', 'C']) lines.use(inst(s));
    lines.use(inst('A')); // A is the most recent again: B is now the oldest
    lines.use(inst('D'));
    expect([...p.watched].sort()).toEqual(['A', 'C', 'D']);
    expect(p.log).toEqual(['+A', '+B', '+C', '+D', '-B']);
  });

  it('never closes a line a position, a working order or a halt needs, whatever its age', () => {
    const p = port();
    const needed = new Set(['HELD']);
    const lines = new QuoteLines({ orders: p, needed: (s) => needed.has(s) });
    p.watchQuote(inst('HELD')); // opened by the account for a position
    for (const s of ['A', 'B', 'C', 'D', 'E', 'F']) lines.use(inst(s));
    expect(p.watched.has('HELD')).toBe(true);
    expect(p.watched.size).toBe(RECENT_QUOTE_LINES + 1);
    // Once flat, the next use closes it.
    needed.clear();
    lines.use(inst('G'));
    expect(p.watched.has('HELD')).toBe(false);
    expect(p.watched.size).toBe(RECENT_QUOTE_LINES);
  });
});
