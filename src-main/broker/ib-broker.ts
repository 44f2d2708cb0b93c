/**
 * The broker over @stoqey/ib's raw IBApi (not IBApiNext: it renumbers clientIds and disconnects on 1100).
 * Owns the lifecycle: connect plan, retries with backoff, heartbeat, 1100-1102, and publishing BrokerStatus.
 * Streams and one-shot requests live in StreamService and RequestService.
 */
import { EventName, type IBApi } from '@stoqey/ib';
import type { BrokerStatus } from '../../src-shared/contract/features/broker';
import { sessionMode, type ConnectionSettings } from '../../src-shared/contract/features/settings';
import type { Result } from '../../src-shared/contract/result';
import type { Bar } from '../../src-shared/domain/bar';
import { etDate } from '../../src-shared/domain/et-time';
import { compactDate } from '../../src-shared/domain/futures';
import type { Instrument } from '../../src-shared/domain/instrument';
import type { Clock } from '../platform/clock';
import type { Disposable } from '../platform/disposable';
import type { Logger } from '../platform/log';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { initialModel, reduce, type BrokerEvent, type BrokerModel } from './broker-state';
import { ConnectAttempt, type ConnectedSession } from './connect-attempt';
import { portsToTry, validateConnection } from './connect-plan';
import { farmChange, mapIbError } from './error-map';
import { DEFAULT_HEARTBEAT, heartbeatVerdict } from './heartbeat';
import { HistoricalQueue } from './historical-queue';
import { HeadTimestampRequests, type HeadTimestampRequest } from './ib-head-timestamp';
import { HistoricalTickRequests } from './ib-historical-ticks';
import type { IbLink } from './ib-link';
import { RequestService } from './ib-requests';
import { StreamService } from './ib-streams';
import { IB_PACING, type PacingLimits } from './pacing-rules';
import type * as Port from './port';
import { SystemScheduler, type Scheduler, type TimerHandle } from './scheduler';
import { attachListeners } from './ib-listeners';
import { IbOrderService } from './ib-orders';
import type { OrderPort } from './order-port';
import { IB_LIBRARY_MAX_REQ_PER_SEC, IB_MESSAGE_RATE, SendQueue, type RateLimit } from './send-gate';

export interface BrokerOptions {
  connection: ConnectionSettings;
  demo: boolean;
  clock: Clock;
  log: Logger;
  /** Replaces the chosen mode's fallback ports (tests); ports of the other mode are dropped from it all the same. */
  portFallbacks?: number[];
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** reqCurrentTime every this many ms; the socket counts as dead after `heartbeatTimeoutMs` of silence. */
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
  messageRate?: RateLimit;
  pacing?: PacingLimits;
  /** Diagnostics tap: called with each message id as it goes onto the wire (after every limiter). */
  onWireSend?: (msgId: number, at: number) => void;
}

export class IbBroker implements Port.BrokerPort, Port.FutureResolver {
  private model: BrokerModel;
  private settings: ConnectionSettings;
  private demo: boolean;
  private readonly listeners = new Set<(s: BrokerStatus) => void>();
  private readonly scheduler: Scheduler;
  private readonly sendQueue: SendQueue;
  private readonly histQueue: HistoricalQueue;
  private readonly heads: HeadTimestampRequests;
  private readonly ticks: HistoricalTickRequests;
  private readonly streams: StreamService;
  private readonly requests: RequestService;
  private readonly orderService: IbOrderService;
  private session: (ConnectedSession & { detach: () => void }) | undefined;
  private attempt: ConnectAttempt | undefined;
  private retryTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private attemptNo = 0;
  private reqId = 10_000;
  private lastRx = 0;
  private running = false;
  private disposed = false;
  /** The clientId that last worked, so a reconnect does not walk the 326 ladder again. */
  private clientId: number;

  constructor(private readonly o: BrokerOptions) {
    this.settings = o.connection;
    this.demo = o.demo;
    this.clientId = o.connection.clientId;
    this.scheduler = o.scheduler ?? new SystemScheduler();
    this.model = initialModel(o.connection.host, o.connection.port, o.connection.clientId, o.demo, sessionMode(o.connection));
    this.sendQueue = new SendQueue(o.clock, this.scheduler, o.messageRate ?? IB_MESSAGE_RATE);
    this.histQueue = new HistoricalQueue(o.clock, this.scheduler, o.pacing ?? IB_PACING);
    const link: IbLink = {
      send: (fn) => this.send(fn),
      isUp: () => this.isUp(),
      now: () => o.clock.now(),
      nextReqId: () => ++this.reqId,
      log: o.log,
    };
    this.streams = new StreamService(link, this.scheduler);
    this.requests = new RequestService(link, this.histQueue, this.scheduler);
    this.heads = new HeadTimestampRequests(link, this.histQueue, this.scheduler);
    this.ticks = new HistoricalTickRequests(link, this.histQueue, this.scheduler);
    this.orderService = new IbOrderService(link, this.scheduler);
  }

  /** Order entry: placing, cancelling, open orders, executions, positions and P&L. */
  get orders(): OrderPort {
    return this.orderService;
  }

  // ---- BrokerPort -------------------------------------------------------------------------------------
  status(): BrokerStatus {
    return this.model.status;
  }

  onStatus(listener: (status: BrokerStatus) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  resolve(symbol: string): Promise<Result<Instrument>> {
    return this.requests.resolve(symbol);
  }
  frontMonth(root: string): Promise<Result<Instrument>> {
    return this.requests.frontMonth(root, compactDate(etDate(this.o.clock.now())));
  }
  subscribeQuotes(i: Instrument, owner: Port.QuoteOwner): Port.Subscription {
    return this.streams.quotes(i, owner);
  }
  subscribeDepth(i: Instrument, options: { rows: number; smart: boolean }, owner: Port.DepthOwner): Port.Subscription {
    return this.streams.depth(i, options, owner);
  }
  subscribeTape(i: Instrument, kind: 'AllLast' | 'BidAsk', owner: Port.TapeOwner): Port.Subscription {
    return this.streams.tape(i, kind, owner);
  }
  subscribeScanner(request: Port.ScannerRequest, owner: Port.ScannerOwner): Port.Subscription {
    return this.streams.scanner(request, owner);
  }
  subscribeRealtimeBars(i: Instrument, owner: Port.BarOwner): Port.Subscription {
    return this.streams.realtimeBars(i, owner);
  }
  historicalBars(request: Port.HistoricalRequest): Promise<Result<Bar[]>> {
    return this.requests.historicalBars(request);
  }
  /** reqHeadTimestamp through the same pacing gate. */
  headTimestamp(request: HeadTimestampRequest): Promise<Result<number>> {
    return this.heads.request(request);
  }
  /** reqHistoricalTicks through the same pacing gate. */
  historicalTicks(request: Port.HistoricalTicksRequest): Promise<Result<Port.HistoricalTick[]>> {
    return this.ticks.request(request);
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------
  /** Begins connecting; keeps retrying with backoff until dispose(). */
  start(): void {
    if (this.disposed || this.running) return;
    const valid = validateConnection(this.settings);
    if (!valid.ok) {
      this.emit({ type: 'failed', reason: valid.error.message });
      return;
    }
    this.running = true;
    this.connect(1);
  }

  /** Drops any wait and tries again at once. */
  reconnectNow(): void {
    if (this.disposed) return;
    this.teardown('reconnect requested');
    this.running = false;
    this.start();
  }

  /** Reconnects to the new place; invalid settings are refused before any socket opens. */
  updateConnection(settings: ConnectionSettings, demo: boolean): void {
    if (this.disposed) return;
    this.teardown('connection settings changed');
    this.settings = settings;
    this.demo = demo;
    this.clientId = settings.clientId;
    const fresh = initialModel(settings.host, settings.port, settings.clientId, demo, sessionMode(settings));
    this.model = { ...fresh, status: { ...fresh.status, lastErrors: this.model.status.lastErrors } };
    this.running = false;
    this.start();
  }

  /** Closes the socket, clears every timer, settles every pending request. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.teardown('shut down');
    this.disposed = true;
    this.running = false;
    this.heads.dispose();
    this.ticks.dispose();
    this.requests.dispose();
    this.streams.disposeAll();
    this.emit({ type: 'stopped', reason: 'shut down' });
    this.listeners.clear();
    if (this.scheduler instanceof SystemScheduler) this.scheduler.clearAll();
  }

  /** Diagnostics for tests: live stream reqIds, unexpected 162s, pending timers. */
  diagnostics(): {
    liveReqIds: number[]; pacingViolations: number; depthLimit?: number; queued: number; inFlight: number;
    tickByTickLimit?: number; tapeSources: { tickByTick: number; rtVolume: number; lines: number };
  } {
    return {
      liveReqIds: this.streams.registry.liveReqIds(),
      pacingViolations: this.requests.pacingViolations + this.ticks.pacingViolations,
      depthLimit: this.streams.depthLimit,
      tickByTickLimit: this.streams.tapes.limit,
      tapeSources: this.streams.tapes.sources(),
      queued: this.sendQueue.length,
      inFlight: this.histQueue.inFlight + this.requests.lookupsInFlight,
    };
  }

  // ---- internals -------------------------------------------------------------------------------------
  private isUp(): boolean {
    return this.session !== undefined && (this.model.status.state === 'connected' || this.model.status.state === 'degraded');
  }

  private send(fn: (api: IBApi) => void): void {
    const s = this.session;
    if (!s) return;
    this.sendQueue.push(() => {
      if (this.session === s) fn(s.api);
    });
  }

  private emit(event: BrokerEvent): void {
    this.model = reduce(this.model, event);
    const status = this.model.status;
    for (const l of [...this.listeners]) l(status);
  }

  private connect(attemptNo: number): void {
    this.attemptNo = attemptNo;
    const { host, port, connectTimeoutSec } = this.settings;
    this.emit({ type: 'connecting', host, port, clientId: this.clientId, attempt: attemptNo });
    const attempt = new ConnectAttempt({
      host,
      ports: portsToTry(port, this.demo, sessionMode(this.settings), this.o.portFallbacks),
      clientId: this.clientId,
      timeoutMs: connectTimeoutSec * 1000,
      scheduler: this.scheduler,
      log: this.o.log,
      // Our SendQueue is the 45/s gate for everything we send. @stoqey/ib's own limiter (maxReqPerSec/10 per
      // 100 ms) sat behind it: at 50 it held a bracket sent right after a few requests for up to 100 ms, and the
      // messages it held back bunched into the next second. Out of the way, the wire is exactly our gate.
      maxReqPerSec: IB_LIBRARY_MAX_REQ_PER_SEC,
    });
    this.attempt = attempt;
    attempt.run((outcome) => {
      if (this.attempt !== attempt) return;
      this.attempt = undefined;
      if (outcome.ok) this.onReady(outcome.session);
      else this.scheduleRetry(outcome.reason);
    });
  }

  private scheduleRetry(reason: string): void {
    if (this.disposed) return;
    const next = this.attemptNo + 1;
    const delay = backoffDelay(next, this.o.backoff ?? DEFAULT_BACKOFF, this.o.random);
    this.o.log.warn('IB connection attempt failed', { reason, nextInMs: delay });
    this.emit({ type: 'retry', reason, attempt: next, nextRetryAt: this.o.clock.now() + delay });
    this.retryTimer = this.scheduler.setTimeout(() => {
      this.retryTimer = undefined;
      this.connect(next);
    }, delay);
  }

  private onReady(s: ConnectedSession): void {
    const now = this.o.clock.now();
    this.clientId = s.clientId;
    this.lastRx = now;
    const detachStreams = this.streams.attach(s.api);
    const detachHeads = this.heads.attach(s.api);
    const detachTicks = this.ticks.attach(s.api);
    const detachRequests = ((d) => () => (d(), detachHeads(), detachTicks()))(this.requests.attach(s.api));
    const detachSelf = this.attachLifecycle(s.api);
    const detachOrders = this.orderService.attach(s.api, { clientId: s.clientId, nextOrderId: s.nextOrderId });
    this.session = { ...s, detach: () => (detachSelf(), detachOrders(), detachRequests(), detachStreams()) };
    this.emit({ type: 'server', serverVersion: s.serverVersion, port: s.port, clientId: s.clientId });
    this.emit({ type: 'ready', accounts: s.accounts, at: now });
    this.o.log.info('connected to IB', { port: s.port, clientId: s.clientId, serverVersion: s.serverVersion });
    const mismatch = this.model.status.modeMismatch;
    if (mismatch) this.o.log.warn('connected account is not in the chosen mode', { accounts: s.accounts.join(','), reason: mismatch });
    this.streams.reactivateAll(now, true);
    this.histQueue.resume();
    this.armHeartbeat();
  }

  private attachLifecycle(api: IBApi): () => void {
    const onRx = () => (this.lastRx = this.o.clock.now());
    const onClose = () => this.onSocketLost('the connection to TWS / IB Gateway closed');
    const onInfo = (message: string, code: number) => this.onIbMessage(code, message, -1);
    const onError = (e: Error, code: number, reqId: number) => this.onIbMessage(code, e?.message ?? '', reqId ?? -1);
    const onSent = (tokens: unknown[]) => this.o.onWireSend?.(Number(tokens[0]), this.o.clock.now());
    return attachListeners(api, [
      [EventName.received, onRx],
      [EventName.sent, onSent],
      [EventName.disconnected, onClose],
      [EventName.info, onInfo],
      [EventName.error, onError],
    ]);
  }

  private onIbMessage(code: number, text: string, reqId: number): void {
    const now = this.o.clock.now();
    const stream = reqId >= 0 ? this.streams.entryFor(reqId) : undefined;
    const info = mapIbError(code, text, { symbol: stream?.label, depthLimit: code === 309 ? this.liveDepthCount() : undefined });
    if (info.level !== 'info' || code === 1101 || code === 1102) {
      this.emit({ type: 'notice', notice: { ts: now, ibCode: code, level: info.level, message: info.message } });
    }
    const farm = farmChange(code, text);
    if (farm) {
      if (farm.kind === 'hmds') this.histQueue.setFarmDown(!farm.ok);
      return this.emit({ type: 'farm', farm });
    }
    if (code === 1100) {
      this.streams.pauseAll(now, info.message, false);
      return this.emit({ type: 'link', ibCode: 1100 });
    }
    if (code === 1101) {
      this.emit({ type: 'link', ibCode: 1101 });
      return this.streams.reactivateAll(now, true);
    }
    if (code === 1102) {
      this.emit({ type: 'link', ibCode: 1102 });
      return this.streams.resumeKept(now);
    }
    if (code === 100) {
      this.sendQueue.slowDown();
      const again = this.streams.reissueSilent(now);
      if (again > 0) this.o.log.warn('IB dropped a request (error 100): silent streams asked again', { streams: again });
      return;
    }
    if (code === 502 || code === 504) return; // client-side; the socket events drive reconnects
    if (reqId >= 0 && this.orderService.handleError(reqId, code, text)) return;
    if (reqId >= 0 && this.ticks.handleError(reqId, info, text)) return;
    if (reqId >= 0 && !this.streams.handleError(reqId, info) && !this.heads.handleError(reqId, info)) this.requests.handleError(reqId, info, text);
  }

  private liveDepthCount(): number {
    return this.streams.registry.all().filter((e) => e.kind === 'depth' && e.reqId !== undefined).length - 1;
  }

  private armHeartbeat(): void {
    const policy = { everyMs: this.o.heartbeatMs ?? DEFAULT_HEARTBEAT.everyMs, silentAfterMs: this.o.heartbeatTimeoutMs ?? 3 * (this.o.heartbeatMs ?? DEFAULT_HEARTBEAT.everyMs) };
    this.heartbeatTimer = this.scheduler.setTimeout(() => {
      this.heartbeatTimer = undefined;
      if (!this.session) return;
      const verdict = heartbeatVerdict(this.lastRx, this.o.clock.now(), policy);
      if (verdict.kind === 'dead') return this.onSocketLost(verdict.reason);
      this.send((api) => api.reqCurrentTime());
      this.armHeartbeat();
    }, policy.everyMs);
  }

  private onSocketLost(reason: string): void {
    if (!this.session || this.disposed) return;
    this.o.log.warn('IB connection lost', { reason });
    this.teardown(reason);
    this.attemptNo = 0;
    this.scheduleRetry(reason);
  }

  /** Closes the socket and stops timers; subscriptions stay registered for the next connection. */
  private teardown(reason: string): void {
    this.attempt?.cancel();
    this.attempt = undefined;
    this.scheduler.clearTimeout(this.retryTimer);
    this.scheduler.clearTimeout(this.heartbeatTimer);
    this.retryTimer = this.heartbeatTimer = undefined;
    this.sendQueue.clear();
    const s = this.session;
    this.session = undefined;
    if (!s) return;
    this.streams.pauseAll(this.o.clock.now(), reason, true);
    this.heads.connectionLost();
    this.ticks.connectionLost();
    this.requests.connectionLost();
    s.detach();
    s.api.on(EventName.error, () => undefined);
    s.api.disconnect();
  }
}

export function createBroker(options: BrokerOptions): IbBroker {
  return new IbBroker(options);
}
