/** What every request handler may reach: the market, the simulator's settings and the shared books. */
import { EventEmitter } from 'node:events';
import type { Logger } from '../../platform/log';
import type { SimMarket } from '../market/types';
import type { SimAccounts } from './accounts/account-book';
import type { SimOrderEngine } from './orders/engine';
import type { SimSession } from './session';

export interface SimConfig {
  accounts: string[];
  depthLimit: number;
  tickByTickLimit: number;
  speed: number;
  /** reqMktData is sampled like TWS does (ms between flushes of changed ticks). */
  quoteSampleMs: number;
  scannerRefreshMs: number;
  keepUpToDateMs: number;
  pnlIntervalMs: number;
  accountSummaryRefreshMs: number;
  /**
   * Historical pacing windows run this many times faster than the wall clock (1 = IB's real 15 s / 2 s /
   * 10 min). Benchmarks and backfill acceptance tests use e.g. 60, so ten minutes of pacing take ten seconds;
   * the client must scale its own limits the same way (backfill's --pacing-time-scale).
   */
  pacingTimeScale?: number;
}

/** Counters tests and benchmarks read. */
export interface SimStats {
  historicalRequests: number;
  /** Error 162 pacing violations sent: a correct client keeps this at 0. */
  pacingViolations: number;
}

export interface SimConnectivity {
  /** IB servers ↔ TWS (1100/1101/1102). */
  ib: boolean;
  market: boolean;
  hmds: boolean;
  secdef: boolean;
}

/** Events sessions listen to: 'streams' (live flag changed), 'dataLost' (1101: drop subscriptions). */
export class SimContext {
  readonly connectivity: SimConnectivity = { ib: true, market: true, hmds: true, secdef: true };
  /** Requests to swallow unanswered, by outgoing message id: how many are left (a fault, as when IB drops one). */
  readonly unanswered = new Map<number, number>();
  readonly sessions = new Set<SimSession>();
  readonly byClientId = new Map<number, SimSession>();
  readonly events = new EventEmitter();
  readonly stats: SimStats = { historicalRequests: 0, pacingViolations: 0 };
  orders!: SimOrderEngine;
  accounts!: SimAccounts;

  constructor(readonly market: SimMarket, readonly config: SimConfig, readonly log: Logger) {
    this.events.setMaxListeners(0);
  }

  /** Live data flows only while IB and the market-data farm are reachable. */
  streamsLive(): boolean {
    return this.connectivity.ib && this.connectivity.market;
  }

  broadcast(fn: (s: SimSession) => void): void {
    for (const s of this.sessions) fn(s);
  }
}
