import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookChecksum } from '../../../src-shared/domain/replay/book-checksum';
import { ManualClock } from '../../../src-main/platform/clock';
import { SessionWriter } from '../../../src-main/recorder/session-writer';
import { loadTimeline } from '../../../src-main/replay/load-timeline';
import { ReplayEngine } from '../../../src-main/replay/replay-engine';
import type { Timeline } from '../../../src-main/replay/timeline';
import { rng, syntheticDepth } from '../../support/synthetic-depth';
import { makeTempDir } from '../../support/temp-dir';

const T0 = Date.UTC(2024, 5, 21, 13, 30, 0);

/** Records a session and the checksum of the recorder's book at every event (after the clears that follow it). */
function recordWithTruth(dir: string, clock: ManualClock, seed: number, rows: number): { dir: string; truth: number[]; times: number[] } {
  const w = new SessionWriter({ dataDir: dir, symbol: 'AAPL', instrument: null, clock, snapshotLevels: 3, batchRows: 300 });
  const gen = syntheticDepth(seed, clock.now(), { makers: true, msPerOp: 0.3 });
  const truth = [bookChecksum([], [])];
  const times = [clock.now()];
  const rand = rng(seed + 1);
  for (let i = 1; i <= rows; i++) {
    const d = gen.next();
    clock.set(d.tsRecv);
    w.depth(d);
    if (i % 250 === 0) w.trade({ tsEvent: d.tsRecv, tsRecv: d.tsRecv, price: d.price, size: 100, exchange: 'NSDQ', conditions: '' });
    if (i % 1000 === 0) w.flush();
    const r = rand();
    if (r < 0.001) w.reset(clock.now());
    else if (r < 0.002) w.resubscribed(clock.now());
    else if (r < 0.0025) {
      w.pause(clock.now(), 'test');
      w.resume(clock.now(), clock.now(), true);
    }
    truth[i] = bookChecksum(w.book.asks(), w.book.bids());
    times[i] = d.tsRecv;
  }
  w.close(clock.now());
  return { dir: w.dir, truth, times };
}

describe('replay engine', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let clock: ManualClock;
  beforeEach(() => {
    tmp = makeTempDir('replay-engine-');
    clock = new ManualClock(T0);
  });
  afterEach(() => tmp.cleanup());

  const timeline = (dirs: string[]): Timeline => {
    const t = loadTimeline(dirs);
    if (!t.ok) throw new Error(t.error.message);
    return t.value;
  };

  it('seeks to random events in any order and holds exactly the recorder’s book there', () => {
    const { dir, truth } = recordWithTruth(tmp.dir, clock, 3, 12_000);
    const tl = timeline([dir]);
    expect(tl.segments[0].report.mismatches).toEqual([]);
    expect(tl.segments[0].reader.meta.markers.length).toBeGreaterThan(3);
    const e = new ReplayEngine(tl);
    const rand = rng(99);
    for (let k = 0; k < 400; k++) {
      const g = k % 5 === 0 ? e.seq + 1 : Math.floor(rand() * (tl.events + 1));
      e.seekEvent(g);
      expect(e.seq).toBe(Math.min(g, tl.events));
      expect(e.checksum(), `event ${g}`).toBe(truth[e.seq]);
    }
    // Nearest keyframe, then at most the ops up to the target.
    e.seekEvent(0);
    e.applied = 0;
    e.seekEvent(tl.events - 1);
    expect(e.applied).toBeLessThanOrEqual(2000);
  });

  it('seeks by time to the last event received by then, and steps one event either way', () => {
    const { dir, truth, times } = recordWithTruth(tmp.dir, clock, 5, 5000);
    const e = new ReplayEngine(timeline([dir]));
    e.seekTime(times[2500]);
    expect(times[e.seq]).toBe(times[2500]);
    expect(times[e.seq + 1] ?? Infinity).toBeGreaterThan(times[2500]);
    expect(e.time).toBe(times[2500]);
    const at = e.seq;
    e.step(-1);
    expect(e.seq).toBe(at - 1);
    expect(e.checksum()).toBe(truth[at - 1]);
    e.step(1);
    expect(e.checksum()).toBe(truth[at]);
    e.seekTime(T0 - 60_000);
    expect(e.seq).toBe(0);
    expect(e.frame('x', 10, { playing: false, speed: 1, fromSeq: 0 }).bids).toEqual([]);
  });

  it('jumps to the next and previous trade and marker', () => {
    const { dir } = recordWithTruth(tmp.dir, clock, 7, 3000);
    const tl = timeline([dir]);
    const e = new ReplayEngine(tl);
    e.seekEvent(1000);
    const next = e.jumpTarget('trade', 1)!;
    expect(next).toBeGreaterThan(e.time);
    e.seekTime(next);
    const f = e.frame('x', 5, { playing: false, speed: 1, fromSeq: 0 });
    expect(f.trades.at(-1)!.ts).toBe(next);
    expect(f.tradeCount).toBe(Array.from(tl.trades.tsRecv).filter((t) => t <= next).length);
    expect(e.jumpTarget('trade', -1)!).toBeLessThan(next);
    e.seekEvent(0);
    const m = e.jumpTarget('marker', 1);
    expect(m).toBe(tl.markers[0]?.ts ?? null);
  });

  it('plays a symbol’s day across sessions: events numbered on, each session from an empty book', () => {
    const a = recordWithTruth(tmp.dir, clock, 11, 2000);
    clock.advance(60_000);
    const b = recordWithTruth(tmp.dir, clock, 12, 1500);
    const tl = timeline([a.dir, b.dir]);
    expect(tl.events).toBe(3500);
    const e = new ReplayEngine(tl);
    e.seekEvent(2000);
    expect(e.checksum()).toBe(a.truth[2000]);
    e.seekEvent(2001);
    expect(e.checksum()).toBe(b.truth[1]);
    e.seekEvent(3500);
    expect(e.checksum()).toBe(b.truth[1500]);
    e.seekEvent(1200);
    expect(e.checksum()).toBe(a.truth[1200]);
    e.seekTime(b.times[700]);
    expect(b.times[e.seq - 2000]).toBe(b.times[700]);
    expect(b.times[e.seq - 2000 + 1]).toBeGreaterThan(b.times[700]);
    e.seekTime(a.times[2000] + 30_000); // between the two sessions
    expect(e.seq).toBe(2000);
    expect(e.inGap).toBe(true);
  });
});
