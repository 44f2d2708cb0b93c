/** The simulator's pure pieces: version negotiation, framing, the depth view and historical pacing. */
import { describe, expect, it } from 'vitest';
import { DepthView } from '../../../src-main/sim/services/depth-view';
import { HistoricalPacing } from '../../../src-main/sim/services/history/pacing';
import { negotiateVersion, parseVersionOffer } from '../../../src-main/sim/protocol/handshake';
import { IbFrameReader, encodeFrame } from '../../../src-main/sim/protocol/framing';
import type { SimDepthOp } from '../../../src-main/sim/market/types';

describe('version negotiation', () => {
  it.each([
    ['v100..193', 193], ['v157..178', 178], ['v100..187', 187], ['v187', 187], ['v100..300', 193], ['v200..300', undefined], ['v90', undefined], ['x', undefined],
  ])('%s → %s', (offer, v) => {
    const o = parseVersionOffer(offer);
    expect(o ? negotiateVersion(o) : undefined).toBe(v);
  });
});

describe('framing', () => {
  it('reads the handshake and frames split across arbitrary chunk boundaries', () => {
    const hello = Buffer.concat([Buffer.from('API\0'), Buffer.from([0, 0, 0, 9]), Buffer.from('v100..193')]);
    const bytes = Buffer.concat([hello, encodeFrame([71, 2, 7, '']), encodeFrame([49, 1]), encodeFrame(['9', '8', 'ÄÖ'])]);
    const r = new IbFrameReader();
    const events = [];
    for (let i = 0; i < bytes.length; i += 3) events.push(...r.push(bytes.subarray(i, i + 3)));
    expect(events).toEqual([
      { kind: 'handshake', text: 'v100..193' },
      { kind: 'message', fields: ['71', '2', '7', ''] },
      { kind: 'message', fields: ['49', '1'] },
      { kind: 'message', fields: ['9', '8', 'ÄÖ'] },
    ]);
  });
});

describe('DepthView', () => {
  /** Applies IB row-shifting ops to a plain book. */
  const applyTo = (rows: Array<{ price: number; size: number }>, op: { position: number; operation: number; price: number; size: number }) => {
    if (op.operation === 0) rows.splice(op.position, 0, { price: op.price, size: op.size });
    else if (op.operation === 1) rows[op.position] = { price: op.price, size: op.size };
    else rows.splice(op.position, 1);
  };

  it('keeps the client top-N rows identical to the full book under random inserts, updates and deletes, and resyncs after a pause', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const full: Array<Array<{ price: number; size: number }>> = [[], []];
    const initial = { bids: [] as SimDepthOp[], asks: [] as SimDepthOp[] };
    for (let i = 0; i < 8; i++) {
      initial.asks.push({ position: i, operation: 0, side: 0, price: 100 + i, size: i + 1, marketMaker: 'A' });
      initial.bids.push({ position: i, operation: 0, side: 1, price: 99 - i, size: i + 1, marketMaker: 'A' });
      full[0].push({ price: 100 + i, size: i + 1 });
      full[1].push({ price: 99 - i, size: i + 1 });
    }
    const n = 4;
    const view = new DepthView(n, initial);
    const client: Array<Array<{ price: number; size: number }>> = [[], []];
    for (const op of view.snapshot()) applyTo(client[op.side], { ...op, price: op.row.price, size: op.row.size });
    for (let step = 0; step < 2000; step++) {
      const side = (rnd() < 0.5 ? 0 : 1) as 0 | 1;
      const rows = full[side];
      const kind = rows.length === 0 ? 0 : Math.floor(rnd() * 3);
      const position = kind === 0 ? Math.floor(rnd() * (rows.length + 1)) : Math.floor(rnd() * rows.length);
      const op: SimDepthOp = { position, operation: kind as 0 | 1 | 2, side, price: Math.round(rnd() * 1000) / 10, size: step, marketMaker: 'A' };
      applyTo(rows, op);
      const live = !(step >= 1000 && step < 1100); // a pause in the middle
      for (const out of view.apply(op, live)) applyTo(client[out.side], { ...out, price: out.row.price, size: out.row.size });
      if (step === 1099) for (const out of view.resync()) applyTo(client[out.side], { ...out, price: out.row.price, size: out.row.size });
      if (live) {
        expect(client[0]).toEqual(full[0].slice(0, n));
        expect(client[1]).toEqual(full[1].slice(0, n));
      }
    }
  });
});

describe('HistoricalPacing', () => {
  it('applies the identical-request, per-contract, 10-minute and open-request rules', () => {
    let now = 0;
    const p = new HistoricalPacing(() => now);
    const key = (i: number, contract = 'AAPL', cost = 1) => ({ identical: `${contract}|${i}`, contract, cost });
    expect(p.admit(key(1), 0)).toBe(true);
    expect(p.admit(key(1), 0)).toBe(false); // identical within 15 s
    for (let i = 2; i <= 5; i++) expect(p.admit(key(i), 0)).toBe(true);
    expect(p.admit(key(6), 0)).toBe(false); // 6th for one contract within 2 s
    now = 2_100;
    expect(p.admit(key(6), 0)).toBe(true);
    expect(p.admit(key(7, 'SPY'), 50)).toBe(false); // 50 open
    now = 16_000;
    expect(p.admit(key(1), 0)).toBe(true); // identical allowed after 15 s
    let admitted = 7;
    for (let i = 0; admitted < 60; i++, now += 500) if (p.admit(key(100 + i, `S${i}`), 0)) admitted++;
    expect(p.admit(key(999, 'LAST'), 0)).toBe(false); // 61st within 10 minutes
    // bars of a minute or more are outside IB's hard ceiling: admitted, and not counted
    expect(p.admit({ ...key(998, 'BIG'), capped: false }, 0)).toBe(true);
    expect(p.admit(key(997, 'LAST2'), 0)).toBe(false);
    now += 600_000;
    expect(p.admit(key(1000, 'LAST', 2), 0)).toBe(true);
  });
});
