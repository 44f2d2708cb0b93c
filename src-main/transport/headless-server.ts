import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_PARAM, WS_PATH, type WsServerFrame } from '../../src-shared/contract/carrier';
import type { Logger } from '../platform/log';
import type { EventBus } from './event-bus';
import type { Router } from './router';
import { serveStatic } from './static-files';

export interface HeadlessServerOptions {
  router: Router;
  bus: EventBus;
  log: Logger;
  /** Folder with the built renderer (index.html). */
  rendererDir: string;
  host: string;
  port: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
  /** Bytes a client may leave unread before it is cut off (default 16 MB). */
  maxBufferedBytes?: number;
}

export interface HeadlessServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 1 << 20;
/**
 * A browser tab that stops reading (a frozen tab, a laptop lid) must not make this process buffer depth frames
 * without bound. Past this many unsent bytes the client is closed (1013, try again later): its carrier
 * reconnects with backoff and reloads what it shows, which costs less than a gap nobody sees.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Only pages served by this very server may open the socket: other origins are refused. */
function allowedOrigin(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * `npm run serve`: the built renderer over HTTP and the contract over a loopback WebSocket that requires
 * the token printed in the URL. Same router and events as the Electron carrier.
 */
export async function startHeadlessServer(opts: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const http: Server = createServer((req, res) => serveStatic(opts.rendererDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let port = opts.port;
  let nextClient = 1;

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!sameToken(url.searchParams.get(TOKEN_PARAM) ?? '', token)) return refuse(socket, 401, 'Unauthorized');
    if (!allowedOrigin(req.headers.origin, port)) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const clientId = `ws-${nextClient++}`;
    const limit = opts.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    let cut = false;
    const send = (frame: WsServerFrame) => {
      if (ws.readyState !== ws.OPEN || cut) return;
      if (ws.bufferedAmount > limit) {
        cut = true;
        opts.log.warn('websocket client stopped reading: closed', { clientId, bufferedBytes: ws.bufferedAmount });
        ws.close(1013, 'too far behind');
        // close() waits for the unread bytes; terminate frees them if the peer never reads again.
        setTimeout(() => ws.terminate(), 2_000).unref();
        return;
      }
      ws.send(JSON.stringify(frame));
    };
    const sub = opts.bus.subscribe((name, payload) => send({ t: 'event', name, payload }));
    send({ t: 'hello', serverTime: Date.now() });
    ws.on('message', async (data, isBinary) => {
      let frame: { t?: unknown; id?: unknown; name?: unknown; input?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        frame = JSON.parse(data.toString());
      } catch {
        return; // Not our protocol: ignore rather than crash.
      }
      if (!frame || frame.t !== 'call' || typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id)) return;
      const result = await opts.router.dispatch(frame.name, frame.input, { clientId });
      send({ t: 'result', id: frame.id, result });
    });
    ws.on('close', () => {
      sub.dispose();
      opts.router.clientClosed(clientId);
    });
    ws.on('error', (e) => opts.log.warn('websocket error', { clientId, error: e.message }));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const addr = http.address();
  port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const hostForUrl = opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;

  return {
    url: `http://${hostForUrl}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.closeAllConnections?.();
        http.close(() => resolve());
      }),
  };
}
