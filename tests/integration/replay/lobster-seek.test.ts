/**
 * Acceptance: the AAPL LOBSTER fixture replayed by the simulator, recorded by the app's recorder over real
 * TCP, then opened in the replay engine: seeking to 1,000 random events shows the 10 levels LOBSTER's
 * orderbook file gives for that event, seeking by time agrees, and every keyframe checksum holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadIbDepthOps, loadLobsterBook } from '../../../src-main/sim/market/fixture-ops';
import { createLogger } from '../../../src-main/platform/log';
import { ReplayService } from '../../../src-main/replay/replay-service';
import { calls } from '../../../src-shared/contract/calls';
import type { ReplayFrame } from '../../../src-shared/contract/features/replay';
import { fixture, hasFixtures } from '../../support/fixtures';
import { rng } from '../../support/synthetic-depth';
import { waitFor } from '../../support/wait';
import { type Closers, simRig } from '../recorder/sim-rig';

const OPS = 'AAPL_2012-06-21_L10_first997_ib_depth_ops.csv';
const BOOK = 'AAPL_2012-06-21_34200000_57600000_orderbook_10.csv';

type Op = { position: number; operation: number; side: number; price: number; size: number };
/** Same depth message (a delete's size carries no meaning: the fixture says 0, the gateway the row's size). */
const same = (r: Op, o: Op) =>
  r.position === o.position && r.operation === o.operation && r.side === o.side && Math.abs(r.price - o.price) < 1e-9 && (o.operation === 2 || r.size === o.size);

describe.skipIf(!hasFixtures)('replay of the recorded AAPL LOBSTER fixture', () => {
  const closers: Closers = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('1,000 random seeks show LOBSTER’s book for that event; keyframe checksums hold', async () => {
    const ops = loadIbDepthOps(fixture('depth', OPS));
    const lobster = loadLobsterBook(fixture('depth', BOOK));
    const { svc, catalog } = await simRig(closers, { depthLimit: 3, speed: 50, replay: [{ symbol: 'AAPL', path: fixture('depth', OPS), loop: true }] });
    await svc.start(['AAPL']);
    await waitFor(() => (svc.status().streams[0]?.depthMessages ?? 0) > ops.length * 3, { timeout: 20_000, message: 'three loops of depth' });
    await svc.stop('AAPL');
    const session = [...catalog.values()][0];

    const replay = new ReplayService({ catalog: { list: () => [...catalog.values()] }, emitFrame: () => {}, log: createLogger('replay-it') });
    closers.push(() => replay.dispose());
    const opened = replay.open({ sessionId: session.sessionId, levels: 10 }, 'it');
    if (!opened.ok) throw new Error(opened.error.message);
    const info = calls['replay:open'].output.parse(opened.value);
    expect(info.quality).toMatchObject({ mismatches: 0, warnings: [] });
    expect(info.quality.checked).toBeGreaterThan(1);
    const id = info.replayId;

    // Map fixture event ↔ seq: find a loop that starts on an empty book, then op k is seq start + k.
    const all = replay.events({ replayId: id, fromSeq: 1, toSeq: info.events });
    if (!all.ok) throw new Error(all.error.message);
    const rows = all.value.events;
    let start = -1;
    for (let i = 0; i + ops.length <= rows.length && start < 0; i++) {
      if (!same(rows[i], ops[0])) continue;
      const seek = replay.seek({ replayId: id, seq: rows[i].seq - 1 });
      if (seek.ok && seek.value.bids.length === 0 && seek.value.asks.length === 0 && ops.every((o, k) => same(rows[i + k], o))) start = rows[i].seq;
    }
    expect(start).toBeGreaterThan(0);
    const seqOfEvent: number[] = [];
    ops.forEach((o, k) => (seqOfEvent[o.msgIndex] = start + k)); // the last op of event m wins
    // Events that change nothing within 10 levels (hidden executions, deep orders) have no op: the book after
    // them is the book after the last event that had one.
    for (let m = 1; m < seqOfEvent.length; m++) seqOfEvent[m] ??= seqOfEvent[m - 1];

    const levels = (f: ReplayFrame) => ({ asks: f.asks.map(([price, size]) => ({ price, size })), bids: f.bids.map(([price, size]) => ({ price, size })) });
    const rand = rng(20120621);
    const checksums = new Map<number, ReplayFrame>();
    for (let n = 0; n < 1000; n++) {
      const m = Math.floor(rand() * seqOfEvent.length); // events the ops file covers (LOBSTER rows 0…)
      const f = replay.seek({ replayId: id, seq: seqOfEvent[m] });
      if (!f.ok) throw new Error(f.error.message);
      expect(f.value.seq).toBe(seqOfEvent[m]);
      expect(levels(f.value), `event ${m} (seq ${seqOfEvent[m]})`).toEqual({ asks: lobster[m].asks, bids: lobster[m].bids });
      checksums.set(m, f.value);
    }
    // Seeking by time lands on the last event received by then and shows the same book as seeking to it.
    for (const [m, byEvent] of [...checksums].slice(0, 200)) {
      const f = replay.seek({ replayId: id, ts: byEvent.ts });
      if (!f.ok) throw new Error(f.error.message);
      expect(f.value.seq).toBeGreaterThanOrEqual(seqOfEvent[m]);
      const back = replay.seek({ replayId: id, seq: f.value.seq });
      expect(back.ok && levels(back.value)).toEqual(levels(f.value));
      expect(back.ok && back.value.ts).toBe(byEvent.ts);
    }
  }, 60_000);
});
