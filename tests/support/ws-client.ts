import { WebSocket } from 'ws';

/** A contract client over the headless WebSocket, as the page uses it (token + same origin). */
export class WsClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: unknown) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as { t: string; id?: number; result?: unknown };
      if (f.t === 'result' && f.id !== undefined) {
        this.pending.get(f.id)?.(f.result);
        this.pending.delete(f.id);
      }
    });
  }

  static async open(url: string): Promise<WsClient> {
    const u = new URL(url);
    const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`, { origin: u.origin });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new WsClient(ws);
  }

  /** Resolves with the call's Result. */
  call<T = unknown>(name: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: unknown) => void);
      this.ws.send(JSON.stringify({ t: 'call', id, name, input }));
    });
  }

  close(): void {
    this.ws.close();
  }
}
