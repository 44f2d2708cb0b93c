/**
 * Drills (issue 15): a storm of 317 book resets, and IB's connectivity and farm flaps, while two names record.
 * After each storm the recording replays to a book without anomalies, every reset and gap is in session.json,
 * and depth is flowing again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { OrderBook } from '../../../src-shared/domain/book';
import { waitFor } from '../../support/wait';
import { type Closers, simRig } from '../recorder/sim-rig';

type Row = { seq: bigint; position: number; operation: number; side: number; price: number; size: number };

/** Replays a recorded depth file, clearing the book at each 317 marker; returns the book's anomaly count. */
function replayAnomalies(path: string): { anomalies: number; levels: number } {
  const meta = readSessionMeta(path)!;
  const clearAt = new Set(meta.markers.filter((m) => m.code === 317).map((m) => m.seq));
  const book = new OrderBook(10_000);
  const epochs = tableFromIPC(readFileSync(join(path, 'depth.arrows')));
  let epoch = -1;
  for (const r of epochs.toArray().map((x) => x.toJSON() as Row & { epoch: number })) {
    if (r.epoch !== epoch) book.clear(); // a resubscription starts from an empty book
    epoch = r.epoch;
    book.apply(r);
    if (clearAt.has(Number(r.seq))) book.clear();
  }
  return { anomalies: book.anomalies, levels: book.depth(0) + book.depth(1) };
}

describe('drills: storms while recording', () => {
  const closers: Closers = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('25 book resets (317) in 5 s on two names: every reset marked, replay clean, depth flowing after', { timeout: 60_000 }, async () => {
    const { sim, svc, catalog } = await simRig(closers, { depthLimit: 5 });
    await svc.start(['AAPL', 'MSFT']);
    const count = (s: string) => svc.status().streams.find((x) => x.symbol === s)!.depthMessages;
    await waitFor(() => count('AAPL') > 20 && count('MSFT') > 20, { timeout: 15_000, message: 'depth flowing' });
    for (let i = 0; i < 25; i++) {
      sim.faults.depthReset(i % 2 ? 'AAPL' : 'MSFT');
      await new Promise((r) => setTimeout(r, 200));
    }
    const n = { AAPL: count('AAPL'), MSFT: count('MSFT') };
    await waitFor(() => count('AAPL') > n.AAPL + 20 && count('MSFT') > n.MSFT + 20, { timeout: 15_000, message: 'depth after the storm' });
    const paths = Object.fromEntries([...catalog.values()].map((r) => [r.symbol, r.path]));
    await svc.stop('AAPL');
    await svc.stop('MSFT');
    expect(readSessionMeta(paths.AAPL)!.markers.filter((m) => m.code === 317)).toHaveLength(12);
    expect(readSessionMeta(paths.MSFT)!.markers.filter((m) => m.code === 317)).toHaveLength(13);
    for (const p of Object.values(paths)) expect(replayAnomalies(p)).toMatchObject({ anomalies: 0 });
  });

  it('1100 → 1102, 1100 → 1101 and market/historical farm flaps: paused and resumed each time, gaps closed, replay clean', { timeout: 90_000 }, async () => {
    const { sim, svc, broker, catalog } = await simRig(closers, { depthLimit: 5 });
    await svc.start(['AAPL']);
    const st = () => svc.status().streams[0];
    const flowing = async (what: string) => {
      const n = st().depthMessages;
      await waitFor(() => st().state === 'recording' && st().depthMessages > n + 10, { timeout: 20_000, message: what });
    };
    await flowing('depth flowing');
    sim.faults.connectivityLost();
    await waitFor(() => st().state === 'paused', { timeout: 10_000, message: 'paused on 1100' });
    sim.faults.connectivityRestored(true);
    await flowing('resumed after 1102');
    sim.faults.connectivityLost();
    await waitFor(() => st().state === 'paused', { timeout: 10_000, message: 'paused on the second 1100' });
    sim.faults.connectivityRestored(false);
    await flowing('resubscribed after 1101');
    for (let i = 0; i < 5; i++) {
      sim.faults.farm('market', false);
      sim.faults.farm('hmds', false);
      await new Promise((r) => setTimeout(r, 100));
      sim.faults.farm('market', true);
      sim.faults.farm('hmds', true);
    }
    await flowing('depth after the farm flaps');
    expect(broker.status().state).toBe('connected');
    expect(broker.status().farms.every((f) => f.ok)).toBe(true);
    const path = [...catalog.values()][0].path;
    await svc.stop('AAPL');
    const meta = readSessionMeta(path)!;
    expect(meta.gaps.length).toBeGreaterThanOrEqual(2);
    expect(meta.gaps.every((g) => g.end !== null)).toBe(true);
    expect(replayAnomalies(path)).toMatchObject({ anomalies: 0 });
  });
});
