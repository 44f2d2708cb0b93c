/**
 * One connection attempt over the port list. TCP alone is not "connected": the attempt succeeds only when
 * IB sent both MANAGED_ACCTS and NEXT_VALID_ID. 326 moves on to the next clientId on the same port.
 * Callback-based (not a Promise) so the broker attaches its listeners in the same tick as readiness and
 * misses none of the messages that follow in the same TCP chunk (farm notices).
 */
import { EventName, IBApi } from '@stoqey/ib';
import { installFastDecoderQueue } from './decoder-queue';
import { installFastSend } from './fast-send';
import type { Logger } from '../platform/log';
import { HANDSHAKE_REASON, parseAccounts, refusedReason, unreachableReason } from './connect-plan';
import type { Scheduler } from './scheduler';

export interface ConnectedSession {
  api: IBApi;
  port: number;
  clientId: number;
  serverVersion: number;
  accounts: string[];
  nextOrderId: number;
}

/** Why an attempt failed: nothing listening, TCP but no handshake, all client ids taken, closed, unreachable. */
export type ConnectFailure = 'refused' | 'handshake' | 'client-id' | 'closed' | 'unreachable';

export type ConnectOutcome = { ok: true; session: ConnectedSession } | { ok: false; reason: string; failure?: ConnectFailure };

export interface ConnectAttemptOptions {
  host: string;
  ports: readonly number[];
  clientId: number;
  timeoutMs: number;
  scheduler: Scheduler;
  log: Logger;
  /** @stoqey/ib's own limiter: a backstop behind the broker's SendQueue. */
  maxReqPerSec: number;
  clientIdTries?: number;
}

type PortResult =
  | { kind: 'ready'; session: ConnectedSession }
  | { kind: ConnectFailure; detail: string };

export class ConnectAttempt {
  private cancelled = false;
  private cancelCurrent: (() => void) | undefined;

  constructor(private readonly o: ConnectAttemptOptions) {}

  run(done: (outcome: ConnectOutcome) => void): void {
    const tries = this.o.clientIdTries ?? 8;
    const refused: number[] = [];
    let best: string | undefined;
    let bestKind: ConnectFailure | undefined;
    let portIndex = 0;
    let clientId = this.o.clientId;
    let idTries = 0;
    const next = (): void => {
      if (this.cancelled) return;
      if (portIndex >= this.o.ports.length) {
        done({ ok: false, reason: best ?? refusedReason(this.o.host, refused), failure: bestKind ?? 'refused' });
        return;
      }
      const port = this.o.ports[portIndex];
      this.tryPort(port, clientId, (r) => {
        if (this.cancelled) return;
        if (r.kind === 'ready') return done({ ok: true, session: r.session });
        if (r.kind === 'client-id' && ++idTries < tries) {
          this.o.log.warn('client id in use, trying the next one', { port, clientId });
          clientId++;
          return next();
        }
        if (r.kind === 'refused') refused.push(port);
        else if (r.kind === 'handshake') {
          best = HANDSHAKE_REASON;
          bestKind = 'handshake';
        } else {
          best ??= r.kind === 'client-id' ? `client ids ${this.o.clientId}-${clientId} are all in use on port ${port}` : unreachableReason(this.o.host, port, r.detail);
          bestKind ??= r.kind;
        }
        portIndex++;
        clientId = this.o.clientId;
        idTries = 0;
        next();
      });
    };
    next();
  }

  cancel(): void {
    this.cancelled = true;
    this.cancelCurrent?.();
  }

  private tryPort(port: number, clientId: number, settle: (r: PortResult) => void): void {
    const api = new IBApi({ host: this.o.host, port, maxReqPerSec: this.o.maxReqPerSec });
    if (!installFastDecoderQueue(api)) this.o.log.warn('@stoqey/ib internals changed: large historical replies will decode slowly');
    if (!installFastSend(api)) this.o.log.warn('@stoqey/ib internals changed: outgoing messages use the library\'s slower framing');
    let tcp = false;
    let serverVersion = 0;
    let accounts: string[] | undefined;
    let nextOrderId: number | undefined;
    let finished = false;
    const finish = (r: PortResult): void => {
      if (finished) return;
      finished = true;
      this.o.scheduler.clearTimeout(timer);
      this.cancelCurrent = undefined;
      api.removeAllListeners();
      if (r.kind !== 'ready') {
        api.on(EventName.error, () => undefined); // late socket errors of a discarded attempt
        api.disconnect();
      }
      settle(r);
    };
    const maybeReady = (): void => {
      if (accounts && nextOrderId !== undefined) {
        finish({ kind: 'ready', session: { api, port, clientId, serverVersion, accounts, nextOrderId } });
      }
    };
    const timer = this.o.scheduler.setTimeout(
      () => finish(tcp ? { kind: 'handshake', detail: 'timeout' } : { kind: 'unreachable', detail: `no answer in ${this.o.timeoutMs / 1000} s` }),
      this.o.timeoutMs,
    );
    this.cancelCurrent = () => finish({ kind: 'closed', detail: 'cancelled' });
    api.on(EventName.sent, (tokens: unknown[]) => {
      if (tokens[0] === 'API\0') tcp = true;
    });
    api.on(EventName.server, (version: number) => (serverVersion = version));
    api.on(EventName.managedAccounts, (csv: string) => {
      accounts = parseAccounts(csv);
      maybeReady();
    });
    api.on(EventName.nextValidId, (id: number) => {
      nextOrderId = id;
      maybeReady();
    });
    api.on(EventName.info, (_msg: string, code: number) => {
      if (code === 326) finish({ kind: 'client-id', detail: 'client id in use' });
    });
    api.on(EventName.error, (e: Error, code: number) => {
      if (code !== 502) return;
      finish(/ECONNREFUSED/.test(e.message) ? { kind: 'refused', detail: e.message } : { kind: 'unreachable', detail: e.message });
    });
    api.on(EventName.disconnected, () =>
      finish(tcp ? { kind: 'closed', detail: 'the gateway closed the connection during the handshake' } : { kind: 'refused', detail: 'closed' }),
    );
    api.connect(clientId);
  }
}
