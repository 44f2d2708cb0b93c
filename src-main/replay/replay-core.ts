/**
 * The open replays and their transport: open (from session folders already resolved), seek, step, play,
 * pause, close, events, trades and analysis. No catalog and no SQLite, so it runs in the replay worker
 * thread (replay-worker.ts) as well as in-process (replay-service.ts, for tests driving it synchronously).
 * Frames go to emitFrame: one per animation frame while playing (its own ticker), one per move otherwise.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  ReplayAnalysis, ReplayAnalysisQuery, ReplayEventColumns, ReplayEvents, ReplayEventsQuery, ReplayFrame, ReplayInfo, ReplaySpeed, ReplayStep, ReplayTrades,
} from '../../src-shared/contract/features/replay';
import { err, ok, type Result } from '../../src-shared/contract/result';
import { type Clock, systemClock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { loadTimeline } from './load-timeline';
import { replayAnalysis, replayTrades } from './replay-analysis';
import { replayInfo } from './replay-info';
import { ReplaySession } from './replay-session';

export const MAX_OPEN_REPLAYS = 8;
export const FRAME_MS = 16;
export const DEFAULT_LEVELS = 10;

export interface Ticker {
  start(cb: () => void, ms: number): () => void;
}
const intervalTicker: Ticker = {
  start(cb, ms) {
    const h = setInterval(cb, ms);
    return () => clearInterval(h);
  },
};

export interface ReplayCoreDeps {
  emitFrame: (f: ReplayFrame) => void;
  log: Pick<Logger, 'warn' | 'error'>;
  /** Wall time for playback speed (not the demo's market clock). */
  wall?: Clock;
  ticker?: Ticker;
}

export class ReplayCore {
  private readonly replays = new Map<string, ReplaySession>();
  private stopTicker: (() => void) | null = null;
  private readonly wall: Clock;
  private readonly ticker: Ticker;

  constructor(private readonly d: ReplayCoreDeps) {
    this.wall = d.wall ?? systemClock;
    this.ticker = d.ticker ?? intervalTicker;
  }

  /** Opens the session folders (a session, or a day's sessions in start order) as one replay. */
  open(folders: readonly string[], levels: number, clientId: string): Result<ReplayInfo> {
    if (this.replays.size >= MAX_OPEN_REPLAYS) return err('LIMIT_REACHED', `At most ${MAX_OPEN_REPLAYS} replays can be open; close one first.`);
    const loaded = loadTimeline(folders);
    if (!loaded.ok) return loaded;
    const id = randomBytes(8).toString('hex');
    const s = new ReplaySession(id, clientId, loaded.value, levels, this.wall);
    this.replays.set(id, s);
    for (const w of loaded.value.segments.flatMap((g) => g.report.warnings)) this.d.log.warn('replay quality', { replayId: id, warning: w });
    return ok(replayInfo(s, s.frame()));
  }

  seek(q: { replayId: string; seq?: number; ts?: number }): Result<ReplayFrame> {
    return this.move(q.replayId, (s) => (q.seq !== undefined ? s.engine.seekEvent(q.seq) : s.engine.seekTime(q.ts!)));
  }

  step(q: z.output<typeof ReplayStep>): Result<ReplayFrame> {
    return this.move(q.replayId, (s) => {
      if (q.kind === 'event') return s.engine.step(q.direction * (q.count ?? 1));
      const t = s.engine.jumpTarget(q.kind, q.direction);
      if (t !== null) s.engine.seekTime(t);
    });
  }

  play(q: { replayId: string; speed: ReplaySpeed }): Result<ReplayFrame> {
    const s = this.replays.get(q.replayId);
    if (!s) return notOpen(q.replayId);
    s.play(q.speed);
    this.stopTicker ??= this.ticker.start(() => this.tick(), FRAME_MS);
    return ok(s.frame());
  }

  pause(q: { replayId: string }): Result<ReplayFrame> {
    return this.move(q.replayId, (s) => s.pause());
  }

  close(q: { replayId: string }): Result<null> {
    if (!this.replays.delete(q.replayId)) return notOpen(q.replayId);
    this.idle();
    return ok(null);
  }

  /** Every depth event in fromSeq..toSeq (global numbers), for analysis between two frames. */
  events(q: z.output<typeof ReplayEventsQuery>): Result<ReplayEvents> {
    const s = this.replays.get(q.replayId);
    if (!s) return notOpen(q.replayId);
    const tl = s.timeline;
    const out: ReplayEvents['events'] = [];
    for (let g = q.fromSeq; g <= Math.min(q.toSeq, tl.events); ) {
      const seg = tl.segments[tl.segmentOfEvent(g)];
      const local = g - seg.offset;
      const run = seg.reader.run(seg.reader.batchOfSeq(local));
      for (let i = local - run.firstSeq; i < run.length && g <= Math.min(q.toSeq, tl.events); i++, g++) {
        out.push({
          seq: g, tsRecv: run.tsRecv[i], epoch: run.epoch[i], position: run.position[i], operation: run.operation[i],
          side: run.side[i], price: run.price[i], size: run.size[i], marketMaker: run.marketMaker[i],
        });
      }
    }
    return ok({ events: out });
  }

  /** The same events as columns (the heatmap's feed: cheaper to clone, check and send than objects). */
  eventColumns(q: z.output<typeof ReplayEventsQuery>): Result<ReplayEventColumns> {
    const s = this.replays.get(q.replayId);
    if (!s) return notOpen(q.replayId);
    const tl = s.timeline;
    const last = Math.min(q.toSeq, tl.events);
    const c: ReplayEventColumns = { firstSeq: q.fromSeq, tsRecv: [], epoch: [], position: [], operation: [], side: [], price: [], size: [], marketMaker: [] };
    for (let g = q.fromSeq; g <= last; ) {
      const seg = tl.segments[tl.segmentOfEvent(g)];
      const local = g - seg.offset;
      const run = seg.reader.run(seg.reader.batchOfSeq(local));
      for (let i = local - run.firstSeq; i < run.length && g <= last; i++, g++) {
        c.tsRecv.push(run.tsRecv[i]); c.epoch.push(run.epoch[i]); c.position.push(run.position[i]); c.operation.push(run.operation[i]);
        c.side.push(run.side[i]); c.price.push(run.price[i]); c.size.push(run.size[i]); c.marketMaker.push(run.marketMaker[i]);
      }
    }
    return ok(c);
  }

  /** Every print of the replay (the heatmap's bubbles, VWAP and candles). */
  trades(q: { replayId: string }): Result<ReplayTrades> {
    const s = this.replays.get(q.replayId);
    return s ? ok(replayTrades(s)) : notOpen(q.replayId);
  }

  /** The `npm run analyze --json` report over the replay's sessions. */
  analysis(q: z.output<typeof ReplayAnalysisQuery>): Result<ReplayAnalysis> {
    const s = this.replays.get(q.replayId);
    return s ? replayAnalysis(s, q) : notOpen(q.replayId);
  }

  clientClosed(clientId: string): void {
    for (const [id, s] of this.replays) if (s.clientId === clientId) this.replays.delete(id);
    this.idle();
  }

  dispose(): void {
    this.replays.clear();
    this.idle();
  }

  private move(replayId: string, fn: (s: ReplaySession) => void): Result<ReplayFrame> {
    const s = this.replays.get(replayId);
    if (!s) return notOpen(replayId);
    try {
      fn(s);
    } catch (e) {
      return err('INTERNAL', `Replay could not read its recording: ${(e as Error).message}`);
    }
    s.moved();
    return ok(s.frame());
  }

  private tick(): void {
    for (const s of this.replays.values()) {
      try {
        if (s.tick()) this.d.emitFrame(s.frame());
      } catch (e) {
        s.pause();
        this.d.log.error('replay stopped', { replayId: s.id, error: (e as Error).message });
      }
    }
    this.idle();
  }

  /** Stops the frame timer when nothing plays. */
  private idle(): void {
    if (this.stopTicker && ![...this.replays.values()].some((s) => s.playing)) {
      this.stopTicker();
      this.stopTicker = null;
    }
  }
}

const notOpen = (id: string) => err('NOT_FOUND', `Replay ${id} is not open (closed, or the app restarted).`);
