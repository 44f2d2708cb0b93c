/**
 * One API client: START_API and bootstrap, the 50 msg/s limit, dispatch to feature handlers, and the
 * subscriptions it owns. Bad input never escapes as an exception: it becomes IB's 320/321/505 error.
 */
import { IbFieldError, IbFieldReader } from '../protocol/fields';
import { IbErr, IbText } from '../protocol/errors';
import { IbOut } from '../protocol/ids';
import type { IbConnection } from '../protocol/connection';
import { encError, encManagedAccounts, encNextValidId, type IbFields } from '../protocol/encode/session';
import type { SimContext } from './context';
import type { SimRoutes } from './router';
import { SimSubscriptions } from './subscriptions';
import { sendOpenOrder, sendOrderStatus } from './orders/messages';

const MAX_MSGS_PER_SEC = 50;

export class SimSession {
  clientId = -1;
  started = false;
  /** REQ_MARKET_DATA_TYPE: 1 live, 2 frozen, 3 delayed, 4 delayed-frozen. */
  marketDataType = 1;
  readonly subs = new SimSubscriptions();
  private readonly recent: number[] = [];
  private violations = 0;
  private readonly disposers: Array<() => void> = [];

  constructor(readonly conn: IbConnection, readonly ctx: SimContext, private readonly routes: SimRoutes) {}

  get sv(): number {
    return this.conn.serverVersion;
  }

  send(fields: IbFields): void {
    this.conn.send(fields);
  }

  error(id: number, code: number, text: string): void {
    this.conn.send(encError(this.sv, id, code, text));
  }

  /** Registers cleanup that runs when the session ends. */
  onDispose(fn: () => void): void {
    this.disposers.push(fn);
  }

  private swallowed(id: number): boolean {
    const left = this.ctx.unanswered.get(id) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.ctx.unanswered.delete(id);
    else this.ctx.unanswered.set(id, left - 1);
    return true;
  }

  handle(fields: string[], arrivedAt = Date.now()): void {
    const idText = fields[0] ?? '';
    const id = Number(idText);
    if (!this.started) {
      if (id === IbOut.START_API) this.startApi(fields);
      return;
    }
    if (!this.withinRate(arrivedAt)) return;
    if (this.swallowed(id)) return;
    const handler = Number.isInteger(id) ? this.routes.get(id) : undefined;
    if (!handler) {
      this.error(-1, IbErr.UNKNOWN_MSG, IbText.unknownMsg(idText));
      return;
    }
    try {
      handler(this, new IbFieldReader(fields, 1));
    } catch (e) {
      const reqId = guessReqId(fields);
      if (e instanceof IbFieldError) this.error(reqId, IbErr.READ_ERROR, IbText.readError(e.message));
      else {
        this.ctx.log.error('request handler failed', { msgId: id, clientId: this.clientId, error: String(e) });
        this.error(reqId, IbErr.VALIDATION, IbText.validation(String((e as Error).message ?? e)));
      }
    }
  }

  private startApi(fields: string[]): void {
    const r = new IbFieldReader(fields, 1);
    let clientId: number;
    try {
      r.int(); // version
      clientId = r.int();
    } catch {
      this.conn.destroy();
      return;
    }
    if (this.ctx.byClientId.has(clientId)) {
      this.error(-1, IbErr.CLIENT_ID_IN_USE, IbText.clientIdInUse);
      this.conn.closeAfterFlush();
      return;
    }
    this.clientId = clientId;
    this.started = true;
    this.ctx.byClientId.set(clientId, this);
    this.ctx.sessions.add(this);
    this.send(encManagedAccounts(this.ctx.config.accounts));
    this.send(encNextValidId(this.ctx.orders.nextValidId(clientId)));
    const c = this.ctx.connectivity;
    if (!c.ib) this.error(-1, IbErr.CONNECTIVITY_LOST, IbText.connectivityLost);
    this.error(-1, c.market && c.ib ? IbErr.MARKET_FARM_OK : IbErr.MARKET_FARM_BROKEN, IbText.marketFarm(c.market && c.ib));
    this.error(-1, c.hmds && c.ib ? IbErr.HMDS_FARM_OK : IbErr.HMDS_FARM_BROKEN, IbText.hmdsFarm(c.hmds && c.ib));
    this.error(-1, c.secdef ? IbErr.SECDEF_FARM_OK : IbErr.SECDEF_FARM_BROKEN, IbText.secdefFarm(c.secdef));
    // Like TWS, a client that (re)connects is told about its working orders without asking.
    for (const rec of this.ctx.orders.working(clientId)) {
      sendOpenOrder(this, rec);
      sendOrderStatus(this, rec);
    }
    this.ctx.log.debug('client started', { clientId, serverVersion: this.sv });
  }

  /** IB allows 50 messages a second from a client; the rest are refused with error 100. */
  private withinRate(now: number): boolean {
    while (this.recent.length && this.recent[0] <= now - 1000) this.recent.shift();
    if (this.recent.length >= MAX_MSGS_PER_SEC) {
      this.violations++;
      this.error(-1, IbErr.MAX_RATE, IbText.maxRate(this.recent.length + 1, this.violations));
      return false;
    }
    this.recent.push(now);
    return true;
  }

  /** Called by the server when the socket closes. */
  dispose(): void {
    this.subs.disposeAll();
    for (const fn of this.disposers.splice(0)) {
      try {
        fn();
      } catch {
        // keep releasing
      }
    }
    if (this.started && this.ctx.byClientId.get(this.clientId) === this) this.ctx.byClientId.delete(this.clientId);
    this.ctx.sessions.delete(this);
    this.started = false;
  }
}

/** Most requests carry the reqId as field 1 or (after a version) field 2; used only to address errors. */
function guessReqId(fields: string[]): number {
  const versioned = new Set<number>([1, 2, 4, 9, 10, 11, 23, 25, 50, 51, 62, 63]);
  const id = Number(fields[0]);
  const v = Number(fields[versioned.has(id) ? 2 : 1]);
  return Number.isInteger(v) ? v : -1;
}
