/** replay:* as the app's handlers see it: every call answers a Promise of a Result (the work is on another thread). */
import type { z } from 'zod';
import type {
  ReplayAnalysis, ReplayAnalysisQuery, ReplayEventColumns, ReplayEvents, ReplayEventsQuery, ReplayFrame, ReplayInfo, ReplayOpen, ReplaySessionInfo, ReplaySessionsQuery,
  ReplaySpeed, ReplayStep, ReplayTrades,
} from '../../src-shared/contract/features/replay';
import type { Result } from '../../src-shared/contract/result';

export interface ReplayApi {
  sessions(q: z.output<typeof ReplaySessionsQuery>): Promise<Result<ReplaySessionInfo[]>>;
  open(req: ReplayOpen, clientId: string): Promise<Result<ReplayInfo>>;
  seek(q: { replayId: string; seq?: number; ts?: number }): Promise<Result<ReplayFrame>>;
  step(q: z.output<typeof ReplayStep>): Promise<Result<ReplayFrame>>;
  play(q: { replayId: string; speed: ReplaySpeed }): Promise<Result<ReplayFrame>>;
  pause(q: { replayId: string }): Promise<Result<ReplayFrame>>;
  close(q: { replayId: string }): Promise<Result<null>>;
  events(q: z.output<typeof ReplayEventsQuery>): Promise<Result<ReplayEvents>>;
  eventColumns(q: z.output<typeof ReplayEventsQuery>): Promise<Result<ReplayEventColumns>>;
  trades(q: { replayId: string }): Promise<Result<ReplayTrades>>;
  analysis(q: z.output<typeof ReplayAnalysisQuery>): Promise<Result<ReplayAnalysis>>;
  /** The client's replays close (a window or socket went away). */
  clientClosed(clientId: string): void;
  dispose(): void;
}
