/**
 * replay:* in-process and synchronous: the catalog's list and folder resolution here, the open replays in a
 * ReplayCore on this same thread. The app does not use it (a replay's open and analysis take seconds on a
 * full day, which would hold up the main process: it uses ReplayProxy, the same calls served by the replay
 * worker thread); tests use it to drive the replay logic step by step with a manual clock and ticker.
 */
import type { z } from 'zod';
import type {
  ReplayAnalysis, ReplayAnalysisQuery, ReplayEventColumns, ReplayEvents, ReplayEventsQuery, ReplayFrame, ReplayInfo, ReplayOpen, ReplaySessionInfo, ReplaySessionsQuery,
  ReplaySpeed, ReplayStep, ReplayTrades,
} from '../../src-shared/contract/features/replay';
import type { Result } from '../../src-shared/contract/result';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { type SessionCatalog, sessionFolders } from './open-source';
import { DEFAULT_LEVELS, ReplayCore, type Ticker } from './replay-core';
import { listSessions } from './session-list';

export { FRAME_MS, MAX_OPEN_REPLAYS, type Ticker } from './replay-core';

export interface ReplayDeps {
  catalog: SessionCatalog;
  emitFrame: (f: ReplayFrame) => void;
  log: Logger;
  /** Wall time for playback speed (not the demo's market clock). */
  wall?: Clock;
  ticker?: Ticker;
}

export class ReplayService {
  private readonly core: ReplayCore;

  constructor(private readonly d: ReplayDeps) {
    this.core = new ReplayCore({ emitFrame: d.emitFrame, log: d.log, wall: d.wall, ticker: d.ticker });
  }

  sessions(q: z.output<typeof ReplaySessionsQuery>): Result<ReplaySessionInfo[]> {
    return listSessions(this.d.catalog, q);
  }

  open(req: ReplayOpen, clientId: string): Result<ReplayInfo> {
    const folders = sessionFolders(req, this.d.catalog);
    return folders.ok ? this.core.open(folders.value, req.levels ?? DEFAULT_LEVELS, clientId) : folders;
  }

  seek(q: { replayId: string; seq?: number; ts?: number }): Result<ReplayFrame> {
    return this.core.seek(q);
  }

  step(q: z.output<typeof ReplayStep>): Result<ReplayFrame> {
    return this.core.step(q);
  }

  play(q: { replayId: string; speed: ReplaySpeed }): Result<ReplayFrame> {
    return this.core.play(q);
  }

  pause(q: { replayId: string }): Result<ReplayFrame> {
    return this.core.pause(q);
  }

  close(q: { replayId: string }): Result<null> {
    return this.core.close(q);
  }

  events(q: z.output<typeof ReplayEventsQuery>): Result<ReplayEvents> {
    return this.core.events(q);
  }

  eventColumns(q: z.output<typeof ReplayEventsQuery>): Result<ReplayEventColumns> {
    return this.core.eventColumns(q);
  }

  trades(q: { replayId: string }): Result<ReplayTrades> {
    return this.core.trades(q);
  }

  analysis(q: z.output<typeof ReplayAnalysisQuery>): Result<ReplayAnalysis> {
    return this.core.analysis(q);
  }

  clientClosed(clientId: string): void {
    this.core.clientClosed(clientId);
  }

  dispose(): void {
    this.core.dispose();
  }
}
