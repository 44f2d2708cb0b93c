/**
 * Messages between ReplayProxy (main thread) and the replay worker (replay-worker.ts): structured clones,
 * no shared memory. Inputs were parsed by the contract router before they get here.
 *   ← { type: 'ready' }                     (once, when the worker's code has loaded)
 *   → { type: 'call', id, op, args }        ← { type: 'result', id, result }   (one answer per call, in order)
 *   → { type: 'clientClosed', clientId }    (no answer)
 *   ← { type: 'frame', frame }              (while playing: bus event replay:frame)
 *   ← { type: 'log', level, message, context }
 */
import type { ReplayFrame } from '../../src-shared/contract/features/replay';
import type { Result } from '../../src-shared/contract/result';
import type { LogContext } from '../platform/log';
import type { ReplayCore } from './replay-core';

/** The ReplayCore methods the worker serves. */
export const REPLAY_OPS = ['open', 'seek', 'step', 'play', 'pause', 'close', 'events', 'eventColumns', 'trades', 'analysis'] as const;
export type ReplayOp = (typeof REPLAY_OPS)[number];
export type ReplayOpArgs<K extends ReplayOp> = Parameters<ReplayCore[K]>;
export type ReplayOpResult<K extends ReplayOp> = ReturnType<ReplayCore[K]>;

export type ToReplayWorker =
  | { type: 'call'; id: number; op: ReplayOp; args: unknown[] }
  | { type: 'clientClosed'; clientId: string };

export type FromReplayWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'frame'; frame: ReplayFrame }
  | { type: 'log'; level: 'warn' | 'error'; message: string; context?: LogContext };
