/**
 * A raw TWS API client over TCP for wire-level tests: offers any version range, frames requests, and
 * decodes every reply with @stoqey/ib's own Decoder at the negotiated version, flagging any message
 * whose field count is off by one (the decoder's "unprocessed data" / "underrun" errors).
 */
import net from 'node:net';
import { Decoder } from '@stoqey/ib/dist/core/io/decoder';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder';
import { waitFor } from '../../../support/wait';

export interface RawMessage {
  fields: string[];
  /** Events @stoqey/ib's decoder emitted for this message. */
  events: Array<{ name: string; args: unknown[] }>;
}

export class RawIbClient {
  readonly socket: net.Socket;
  serverVersion = 0;
  connectionTime = '';
  readonly messages: RawMessage[] = [];
  /** Field-count problems found by the decoder: each is a message id plus the decoder's complaint. */
  readonly fieldErrors: string[] = [];
  closed = false;
  private buf = Buffer.alloc(0);
  private handshakeSeen = false;
  private readonly decoder: Decoder;
  private current: RawMessage | undefined;
  /** Encodes client requests exactly as @stoqey/ib would at the negotiated version. */
  readonly encoder: Encoder;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.decoder = new Decoder({
      get serverVersion() {
        return self.serverVersion;
      },
      emitEvent: (name: string, ...args: unknown[]) => self.current?.events.push({ name, args }),
      emitError: (msg: string, code: number) => {
        if (/unprocessed data|Underrun|No parser/i.test(msg)) self.fieldErrors.push(`${self.current?.fields[0]}: ${msg}`);
        self.current?.events.push({ name: 'error', args: [msg, code] });
      },
      emitInfo: (msg: string, code: number) => self.current?.events.push({ name: 'info', args: [msg, code] }),
    } as never);
    this.encoder = new Encoder({
      get serverVersion() {
        return self.serverVersion;
      },
      sendMsg: (tokens: unknown[]) => self.sendFields(flatten(tokens)),
      emitError: (msg: string) => {
        throw new Error(`encoder refused: ${msg}`);
      },
    } as never);
    socket.on('data', (d: Buffer) => this.onData(d));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<RawIbClient> {
    const socket = net.connect({ port, host });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return new RawIbClient(socket);
  }

  /** Sends `API\0` + the version offer; resolves with the negotiated version (0 if the server hung up). */
  async handshake(offer: string): Promise<number> {
    const text = Buffer.from(offer, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(text.length);
    this.socket.write(Buffer.concat([Buffer.from('API\0', 'latin1'), len, text]));
    await waitFor(() => this.handshakeSeen || this.closed, { message: 'handshake reply' });
    return this.serverVersion;
  }

  startApi(clientId: number): void {
    this.sendFields(['71', '2', String(clientId), '']);
  }

  sendFields(fields: Array<string | number>): void {
    const payload = Buffer.from(fields.map((f) => (f === undefined || f === null ? '' : String(f))).join('\0') + '\0', 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(payload.length);
    this.socket.write(Buffer.concat([len, payload]));
  }

  /** Messages with this id (first field). */
  byId(id: number): RawMessage[] {
    return this.messages.filter((m) => m.fields[0] === String(id));
  }

  async waitForMessage(pred: (m: RawMessage) => boolean, what: string, timeout = 5000): Promise<RawMessage> {
    return waitFor(() => this.messages.find(pred), { message: what, timeout });
  }

  errors(): Array<{ id: number; code: number; text: string }> {
    return this.byId(4).map((m) => ({ id: Number(m.fields[2]), code: Number(m.fields[3]), text: m.fields[4] }));
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32BE(0);
      if (this.buf.length < 4 + len) return;
      const text = this.buf.toString('utf8', 4, 4 + len);
      this.buf = this.buf.subarray(4 + len);
      const fields = text.split('\0');
      fields.pop();
      if (!this.handshakeSeen) {
        this.handshakeSeen = true;
        if (fields.length !== 2) this.fieldErrors.push(`handshake has ${fields.length} fields`);
        this.serverVersion = Number(fields[0]);
        this.connectionTime = fields[1];
        continue;
      }
      const msg: RawMessage = { fields, events: [] };
      this.current = msg;
      this.decoder.enqueueMessage(fields);
      this.decoder.process();
      this.current = undefined;
      this.messages.push(msg);
    }
  }
}

function flatten(tokens: unknown[]): Array<string | number> {
  const out: Array<string | number> = [];
  for (const t of tokens) {
    if (Array.isArray(t)) out.push(...flatten(t));
    else if (t === true || t === false) out.push(t ? 1 : 0);
    else out.push(t === undefined || t === null ? '' : (t as string | number));
  }
  return out;
}
