/**
 * The gateway simulator: a TWS API server on loopback backed by a seeded market model.
 * `startSimulator()` is what the app's demo gateway, `npm run sim` and tests use.
 */
import { createLogger } from '../platform/log';
import { createSimMarket } from './market';
import type { SimMarket, SimMarketOptions } from './market/types';
import { SimServer } from './server';
import { SimContext, type SimConfig, type SimStats } from './services/context';
import { registerAll } from './services/register';
import { SimOrderEngine, type SimFill } from './services/orders/engine';
import { SimAccounts } from './services/accounts/account-book';
import { createFaults } from './faults';
import { createOrderSink } from './services/orders/messages';

export interface SimulatorOptions {
  /** 0 = ephemeral. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  seed?: number;
  speed?: number;
  /** Depth streams per client connection (error 309 past it). Default 3. */
  depthLimit?: number;
  /** Tick-by-tick streams per client connection (error 10190 past it). Default 100. */
  tickByTickLimit?: number;
  /** Default ['DU1234567']. */
  accounts?: string[];
  market?: SimMarket;
  replay?: SimMarketOptions['replay'];
  /** Positions the paper accounts start with (account defaults to the first). */
  initialPositions?: Array<{ account?: string; symbol: string; quantity: number; avgCost: number }>;
  /** Starting cash per account (USD). Default 1,000,000. */
  initialCash?: number;
  /** Stream periods in real ms (tests shorten them): quotes 250, scanner 5000, keepUpToDate 2000, P&L 1000, account summary 180000. */
  /** Historical pacing windows run this many times faster (see SimConfig.pacingTimeScale). Default 1. */
  pacingTimeScale?: number;
  tuning?: Partial<Pick<SimConfig, 'quoteSampleMs' | 'scannerRefreshMs' | 'keepUpToDateMs' | 'pnlIntervalMs' | 'accountSummaryRefreshMs'>>;
}

export interface SimFaults {
  /** Destroy every client socket. */
  dropConnections(): void;
  /** Stop/restart listening (connections refused). */
  refuseConnections(on: boolean): void;
  /** Accept TCP but never answer the API handshake. */
  silentHandshake(on: boolean): void;
  /** 1100 to all, streams pause, 2103/2105 farm broken. */
  connectivityLost(): void;
  /** 1102 (resume) or 1101 (drop every subscription). */
  connectivityRestored(dataKept: boolean): void;
  /** 2103/2104, 2105/2106, 2157/2158. */
  farm(kind: 'market' | 'hmds' | 'secdef', ok: boolean): void;
  /** 317 for every depth subscription on symbol. */
  depthReset(symbol: string): void;
  /** 316. */
  depthHalted(symbol: string): void;
  /** Delay every reply by ms (0 = off). */
  slowReplies(ms: number): void;
  setDepthLimit(n: number): void;
  /** The next new order is rejected with 201 "Order rejected - reason:<reason>". */
  rejectNextOrder(reason?: string): void;
  /** > 0: every order fills at most this many shares per look at the market (0 = off). */
  forcePartialFills(maxShares: number): void;
  /** The next `count` requests with this outgoing message id (IbOut) get no answer at all. */
  leaveUnanswered(msgId: number, count?: number): void;
  /** The next bracket child (an order with a parentId) never arrives: every connection drops instead. */
  disconnectMidBracket(): void;
  /**
   * Stops listening, drops every client, forgets untransmitted (held) orders, waits `downMs`, listens again.
   * Transmitted orders, fills and order ids persist, as they do at IB across a Gateway restart.
   */
  gatewayRestart(downMs?: number): Promise<void>;
}

/** One placeOrder as it arrived on the wire (observed by tests). */
export interface SimPlaceOrderTap {
  clientId: number;
  orderId: number;
  orderRef: string;
  symbol: string;
  action: string;
  quantity: number;
  orderType: string;
  transmit: boolean;
}

export interface Simulator {
  readonly port: number;
  /** Calls `listener` for every placeOrder message any client sends; returns the unsubscribe. */
  onPlaceOrder(listener: (o: SimPlaceOrderTap) => void): () => void;
  readonly market: SimMarket;
  readonly faults: SimFaults;
  clientCount(): number;
  /** Every fill the paper engine made, as it recorded them (tests recompute P&L from these). */
  executions(): readonly SimFill[];
  /** Historical requests and pacing violations (162) so far. */
  stats(): Readonly<SimStats>;
  /** Open market-data lines (reqMktData not cancelled) of one API client. */
  marketDataLines(clientId: number): number;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const log = createLogger('sim');
  const ownsMarket = !options.market;
  const market =
    options.market ?? createSimMarket({ seed: options.seed ?? 1, speed: options.speed ?? 1, replay: options.replay });
  const config: SimConfig = {
    accounts: options.accounts?.length ? [...options.accounts] : ['DU1234567'],
    depthLimit: options.depthLimit ?? 3,
    tickByTickLimit: options.tickByTickLimit ?? 100,
    speed: options.speed ?? 1,
    quoteSampleMs: 250,
    scannerRefreshMs: 5_000,
    keepUpToDateMs: 2_000,
    pnlIntervalMs: 1_000,
    accountSummaryRefreshMs: 180_000,
    pacingTimeScale: options.pacingTimeScale ?? 1,
    ...options.tuning,
  };
  const ctx = new SimContext(market, config, log);
  ctx.accounts = new SimAccounts(market, config.accounts, options.initialCash ?? 1_000_000);
  for (const p of options.initialPositions ?? []) {
    const stock = market.bySymbol(p.symbol.toUpperCase());
    if (!stock) throw new Error(`initialPositions: unknown symbol ${p.symbol}`);
    ctx.accounts.seed(p.account ?? config.accounts[0], stock, p.quantity, p.avgCost);
  }
  ctx.orders = new SimOrderEngine(market, ctx.accounts);
  ctx.orders.setSink(createOrderSink(ctx));
  ctx.orders.paused = () => !ctx.connectivity.ib;
  const routes = registerAll();
  const server = new SimServer(ctx, routes, options.host ?? '127.0.0.1', log);
  try {
    await server.listen(options.port ?? 0);
  } catch (e) {
    if (ownsMarket) market.dispose();
    throw e;
  }
  const faults = createFaults(ctx, server);
  let closing: Promise<void> | undefined;
  return {
    get port() {
      return server.port;
    },
    market,
    faults,
    clientCount: () => server.clientCount(),
    executions: () => ctx.orders.fills,
    stats: () => ({ ...ctx.stats }),
    marketDataLines: (clientId) => [...ctx.sessions].filter((x) => x.clientId === clientId).reduce((n, x) => n + x.subs.count('mkt'), 0),
    onPlaceOrder: (listener) => {
      ctx.events.on('placeOrder', listener);
      return () => ctx.events.off('placeOrder', listener);
    },
    close: () =>
      (closing ??= (async () => {
        await server.close();
        ctx.orders.dispose();
        if (ownsMarket) market.dispose();
      })()),
  };
}
