import { statSync } from 'node:fs';
import { loadIbDepthOps } from './fixture-ops';
import { recordedSessionLoader } from './replay-recording';
import type { SimDepthOp } from './types';

/** One depth op of a replay, timed relative to the replay's first op. */
export interface ReplayOp extends SimDepthOp {
  /** Milliseconds after the first op. */
  at: number;
  /** Index of the source message; a book change is complete after the last op of a message. */
  msg: number;
  /** True when the op is a visible execution at the inside (the tape prints it). */
  execution: boolean;
}

/** A recorded trade print, timed like the ops. */
export interface ReplayTrade {
  /** Milliseconds after the replay's first message. */
  at: number;
  price: number;
  size: number;
  exchange: string;
  conditions: string;
}

/** A symbol's pre-recorded depth, ready to be played as if live. */
export interface ReplaySource {
  symbol: string;
  ops: ReplayOp[];
  /** Recorded prints; when given, trades come from here rather than from `execution` ops. */
  trades?: ReplayTrade[];
  /** Time from the first to the last op or trade, ms. */
  durationMs: number;
}

/** Turns a path into a replay source, or says it cannot (so the next loader may try). */
export interface ReplayLoader {
  name: string;
  canLoad(path: string): boolean;
  load(symbol: string, path: string): ReplaySource;
}

/** IB depth-ops CSV (../shared/fixtures/depth/*_ib_depth_ops.csv layout). */
export const ibDepthOpsLoader: ReplayLoader = {
  name: 'IB depth-ops CSV',
  canLoad: (path) => path.toLowerCase().endsWith('.csv'),
  load(symbol, path) {
    const rows = loadIbDepthOps(path);
    const t0 = rows[0]?.timeS ?? 0;
    const ops = rows.map((r) => ({
      position: r.position, operation: r.operation, side: r.side, price: r.price, size: r.size, marketMaker: '',
      at: Math.round((r.timeS - t0) * 1000), msg: r.msgIndex, execution: r.lobsterType === 4 && r.position === 0,
    }));
    return { symbol, ops, durationMs: ops.length ? ops[ops.length - 1].at : 0 };
  },
};

/** Loaders tried in order: IB depth-ops CSV, then a recorded Tapedeck session (replay-recording.ts). */
export const REPLAY_LOADERS: ReplayLoader[] = [ibDepthOpsLoader, recordedSessionLoader];

export function loadReplaySource(symbol: string, path: string, loaders: readonly ReplayLoader[] = REPLAY_LOADERS): ReplaySource {
  const loader = loaders.find((l) => l.canLoad(path));
  if (!loader) {
    const kind = safeIsDir(path) ? 'a folder' : 'a file';
    throw new Error(`replay ${symbol}: no loader accepts ${kind} at ${path} (known: ${loaders.map((l) => l.name).join(', ')})`);
  }
  return loader.load(symbol.toUpperCase(), path);
}

function safeIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
