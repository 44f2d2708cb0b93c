/**
 * The recorder against the simulator over real TCP through the real broker: slots, 309, promotion,
 * reconnect gaps, and the AAPL fixture recorded and read back exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecorderService } from '../../../src-main/recorder/recorder-service';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { loadIbDepthOps, loadLobsterBook } from '../../../src-main/sim/market/fixture-ops';
import { OrderBook } from '../../../src-shared/domain/book';
import { fixture, hasFixtures } from '../../support/fixtures';
import { waitFor } from '../../support/wait';
import { type Closers, simRig } from './sim-rig';

const SEVEN = ['AAPL', 'SPY', 'QQQ', 'IBM', 'TSLA', 'AMD', 'NVDA'];

describe('recorder ↔ broker ↔ simulator', () => {
  const closers: Closers = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });
  const rig = (simOptions: Parameters<typeof simRig>[1]) => simRig(closers, simOptions);

  const states = (svc: RecorderService) => Object.fromEntries(svc.status().streams.map((s) => [s.symbol, s.state]));
  const depthFlowing = (svc: RecorderService, sym: string) => (svc.status().streams.find((s) => s.symbol === sym)?.depthMessages ?? 0) > 0;

  it('Start on 7 names: 7 tapes, depth up to IB cap (309 lowers it), rest queued in order; stop promotes within 1 s', async () => {
    const { svc } = await rig({ depthLimit: 3 });
    const r = await svc.start(SEVEN);
    expect(r.ok).toBe(true);
    // The user cap is 5; the simulator allows 3, so the 4th and 5th get 309 and go back to the queue head.
    await waitFor(() => svc.status().ibCap === 3, { timeout: 10_000, message: 'ibCap learnt from 309' });
    const st = svc.status();
    expect(st.effectiveCap).toBe(3);
    expect(st.capReason).toMatch(/IB allows 3 depth streams on this account/);
    expect(st.queue).toEqual(['IBM', 'TSLA', 'AMD', 'NVDA']);
    expect(states(svc)).toMatchObject({ AAPL: 'recording', SPY: 'recording', QQQ: 'recording', IBM: 'queued', NVDA: 'queued' });
    await waitFor(() => svc.status().streams.every((s) => s.tickMessages > 0), { timeout: 15_000, message: 'tape flowing for all 7' });
    await waitFor(() => ['AAPL', 'SPY', 'QQQ'].every((s) => depthFlowing(svc, s)), { timeout: 10_000, message: 'depth flowing' });

    await svc.stop('SPY');
    // The slot passes to the queue head at once (well within 1 s), then its depth arrives over TCP.
    await waitFor(() => states(svc).IBM === 'recording', { timeout: 1_000, message: 'IBM promoted within 1 s' });
    await waitFor(() => depthFlowing(svc, 'IBM'), { timeout: 5_000, message: 'IBM depth flowing' });
    expect(svc.status().queue).toEqual(['TSLA', 'AMD', 'NVDA']);
    expect(states(svc).SPY).toBe('stopped');
  });

  it('with a cap of 5 on the account, five depth streams run and two wait', async () => {
    const { svc } = await rig({ depthLimit: 5 });
    await svc.start(SEVEN);
    await waitFor(() => SEVEN.slice(0, 5).every((s) => depthFlowing(svc, s)), { timeout: 15_000, message: 'five depth streams' });
    expect(svc.status().queue).toEqual(['AMD', 'NVDA']);
    expect(svc.status().ibCap).toBeNull();
  });

  it('a dropped connection leaves a gap marker and recording continues after reconnect', async () => {
    const { sim, svc, catalog } = await rig({ depthLimit: 3 });
    await svc.start(['AAPL']);
    await waitFor(() => depthFlowing(svc, 'AAPL'), { timeout: 10_000, message: 'depth flowing' });
    sim.faults.dropConnections();
    await waitFor(() => states(svc).AAPL === 'paused', { timeout: 10_000, message: 'paused' });
    await waitFor(() => states(svc).AAPL === 'recording', { timeout: 20_000, message: 'recording again' });
    const before = svc.status().streams[0].depthMessages;
    await waitFor(() => svc.status().streams[0].depthMessages > before, { timeout: 10_000, message: 'data after reconnect' });
    const path = [...catalog.values()][0].path;
    await svc.stop('AAPL');
    const meta = readSessionMeta(path)!;
    expect(meta.gaps).toHaveLength(1);
    expect(meta.gaps[0].end).not.toBeNull();
    expect(meta.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    const epochs = [...new Set(tableFromIPC(readFileSync(join(path, 'depth.arrows'))).getChild('epoch')!.toArray())];
    expect(epochs).toEqual([1, 2]);
  });

  it('317 and 316 leave markers; replaying the file with them rebuilds the book without anomalies', async () => {
    const { sim, svc, catalog } = await rig({ depthLimit: 3 });
    await svc.start(['MSFT']);
    const count = () => svc.status().streams[0].depthMessages;
    await waitFor(() => count() > 20, { timeout: 10_000, message: 'depth flowing' });
    sim.faults.depthReset('MSFT');
    let n = count();
    await waitFor(() => count() > n + 20, { timeout: 10_000, message: 'depth after 317' });
    sim.faults.depthHalted('MSFT');
    n = count();
    await waitFor(() => count() > n + 20, { timeout: 10_000, message: 'depth after 316' });
    const path = [...catalog.values()][0].path;
    await svc.stop('MSFT');
    const meta = readSessionMeta(path)!;
    expect(meta.markers.map((m) => m.code)).toEqual([317, 316]);
    const rows = tableFromIPC(readFileSync(join(path, 'depth.arrows'))).toArray().map((r) => r.toJSON() as Op & { seq: bigint });
    const clearAt = new Set(meta.markers.map((m) => m.seq));
    const book = new OrderBook(10_000);
    for (const r of rows) {
      book.apply(r);
      if (clearAt.has(Number(r.seq))) book.clear();
    }
    expect(book.anomalies).toBe(0);
    expect(book.depth(0) + book.depth(1)).toBeGreaterThan(0);
  });

  it.skipIf(!hasFixtures)('AAPL fixture replay round trip: identical messages in order, book equals every LOBSTER snapshot', async () => {
    const opsPath = fixture('depth', 'AAPL_2012-06-21_L10_first997_ib_depth_ops.csv');
    const ops = loadIbDepthOps(opsPath);
    const lobster = loadLobsterBook(fixture('depth', 'AAPL_2012-06-21_34200000_57600000_orderbook_10.csv'));
    const { svc, catalog } = await rig({ depthLimit: 3, speed: 50, replay: [{ symbol: 'AAPL', path: opsPath, loop: true }] });
    await svc.start(['AAPL']);
    // A loop lasts ~1 s at speed 50; record until a full loop (book emptied, then every op) is on disk.
    await waitFor(() => (svc.status().streams[0]?.depthMessages ?? 0) > ops.length * 3, { timeout: 20_000, message: 'three loops of depth' });
    const path = [...catalog.values()][0].path;
    await svc.stop('AAPL');
    const t = tableFromIPC(readFileSync(join(path, 'depth.arrows')));
    const rows = t.toArray().map((r) => r.toJSON() as { position: number; operation: number; side: number; price: number; size: number; seq: bigint });
    rows.forEach((r, i) => expect(r.seq).toBe(BigInt(i + 1)));
    // Find where a loop starts on an empty book, then the recording must equal the fixture op for op.
    const book = new OrderBook(10_000);
    let start = -1;
    for (let i = 0; i < rows.length && start < 0; i++) {
      book.apply(rows[i]);
      if (book.depth(0) === 0 && book.depth(1) === 0 && i + 1 < rows.length && same(rows[i + 1], ops[0])) start = i + 1;
    }
    expect(start).toBeGreaterThanOrEqual(0);
    expect(rows.length - start).toBeGreaterThanOrEqual(ops.length);
    const rebuilt = new OrderBook(10_000);
    for (let k = 0; k < ops.length; k++) {
      expect(same(rows[start + k], ops[k]), `op ${k}`).toBe(true);
      rebuilt.apply(rows[start + k]);
      const lastOfMsg = k + 1 === ops.length || ops[k + 1].msgIndex !== ops[k].msgIndex;
      if (lastOfMsg) {
        const snap = lobster[ops[k].msgIndex];
        expect(rebuilt.asks().slice(0, 10).map((r) => ({ price: r.price, size: r.size })), `asks after msg ${ops[k].msgIndex}`).toEqual(snap.asks);
        expect(rebuilt.bids().slice(0, 10).map((r) => ({ price: r.price, size: r.size })), `bids after msg ${ops[k].msgIndex}`).toEqual(snap.bids);
      }
    }
    expect(readSessionMeta(path)!.counts.depthMessages).toBe(rows.length);
  });
});

type Op = { position: number; operation: number; side: number; price: number; size: number };

/** Same depth message. A delete's size carries no meaning (the fixture says 0, the gateway the row's last size). */
function same(r: Op, o: Op): boolean {
  return (
    r.position === o.position &&
    r.operation === o.operation &&
    r.side === o.side &&
    Math.abs(r.price - o.price) < 1e-9 &&
    (o.operation === 2 || r.size === o.size)
  );
}
