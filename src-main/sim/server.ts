/** The TCP side: accepts sockets, runs one session per API client, and can stop/restart listening. */
import net from 'node:net';
import type { Logger } from '../platform/log';
import { IbConnection } from './protocol/connection';
import { fmtEtDateTime } from './protocol/time-format';
import type { SimContext } from './services/context';
import type { SimRoutes } from './services/router';
import { SimSession } from './services/session';

export interface SimServerFaultState {
  silentHandshake: boolean;
  replyDelayMs: number;
}

export class SimServer {
  readonly faultState: SimServerFaultState = { silentHandshake: false, replyDelayMs: 0 };
  private server: net.Server | null = null;
  private readonly connections = new Map<IbConnection, SimSession>();
  private boundPort = 0;
  private closed = false;

  constructor(private readonly ctx: SimContext, private readonly routes: SimRoutes, private readonly host: string, private readonly log: Logger) {}

  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  async listen(port: number): Promise<number> {
    const server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      server.listen(port, this.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', (e) => this.log.error('listener error', { error: String(e) }));
    this.server = server;
    this.boundPort = (server.address() as net.AddressInfo).port;
    return this.boundPort;
  }

  /** Stop accepting (clients get ECONNREFUSED) or listen again on the same port. */
  async refuse(on: boolean): Promise<void> {
    if (this.closed) return;
    if (on && this.server) {
      const s = this.server;
      this.server = null;
      await new Promise<void>((resolve) => s.close(() => resolve()));
    } else if (!on && !this.server) {
      await this.listen(this.boundPort);
    }
  }

  /** API clients past START_API. */
  clientCount(): number {
    return this.ctx.sessions.size;
  }

  dropAll(): void {
    for (const conn of [...this.connections.keys()]) conn.destroy();
  }

  async close(): Promise<void> {
    this.closed = true;
    const s = this.server;
    this.server = null;
    this.dropAll();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const conn = new IbConnection(socket, {
      silentHandshake: () => this.faultState.silentHandshake,
      connectionTime: () => fmtEtDateTime(this.ctx.market.now()),
      replyDelayMs: () => this.faultState.replyDelayMs,
      onReady: () => undefined,
      onMessage: (c, fields, arrivedAt) => this.connections.get(c)?.handle(fields, arrivedAt),
      onClosed: (c) => {
        const session = this.connections.get(c);
        this.connections.delete(c);
        session?.dispose();
      },
    });
    if (conn.isClosed) return;
    this.connections.set(conn, new SimSession(conn, this.ctx, this.routes));
  }
}
