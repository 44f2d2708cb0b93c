/**
 * @stoqey/ib 1.6's Socket.send frames every outgoing message through three intermediate JS arrays: a fresh
 * TextEncoder's bytes copied with `Array.from`, spread into a second array with the length prefix, then
 * copied into a Uint8Array and again into a Buffer. For a placeOrder (~150 tokens, ~500 bytes) that is the
 * a large part (~0.1 ms cold) of the time between the risk decision and the bytes leaving the socket (docs/trading.md,
 * `npm run bench -- orders`). This frames the same bytes straight into one Buffer: 4-byte big-endian length, the tokens
 * joined by NUL, a closing NUL. The handshake ("API\0" first) and string-first messages keep the library's
 * own path. If a future @stoqey/ib changes those internals, `installFastSend` leaves the library alone.
 */
import { EventName } from '@stoqey/ib';

type Token = unknown;

interface IbSocketInternals {
  useV100Plus: boolean;
  client?: { write(data: Buffer): boolean; setNoDelay?(on: boolean): unknown };
  controller: { emitEvent(name: EventName, ...args: unknown[]): void };
  flattenDeep(tokens: Token[]): Token[];
  send(tokens: Token[]): void;
}

/** The message IB receives for `tokens` (V100+ framing, numbers first), or undefined for the library's path. */
export function frameMessage(flat: Token[]): { bytes: Buffer; text: string } | undefined {
  if (typeof flat[0] === 'string') return undefined;
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    // As the library does, a Boolean object counts as true whatever it wraps.
    if (v === true || v === false || v instanceof Boolean) flat[i] = v ? 1 : 0;
  }
  const text = flat.join('\0');
  const n = Buffer.byteLength(text, 'utf8');
  const bytes = Buffer.allocUnsafe(n + 5);
  bytes.writeUInt32BE(n + 1, 0);
  bytes.write(text, 4, n, 'utf8');
  bytes[n + 4] = 0;
  return { bytes, text };
}

function socketOf(api: unknown): IbSocketInternals | undefined {
  const socket = (api as { controller?: { socket?: Partial<IbSocketInternals> } }).controller?.socket;
  if (!socket || typeof socket.send !== 'function' || typeof socket.flattenDeep !== 'function' || typeof socket.useV100Plus !== 'boolean') return undefined;
  if (typeof socket.controller?.emitEvent !== 'function') return undefined;
  return socket as IbSocketInternals;
}

/** Returns true when the fast framing is in place on this IBApi. */
export function installFastSend(api: unknown): boolean {
  const socket = socketOf(api);
  if (!socket) return false;
  const library = socket.send.bind(socket);
  let nagleOff: unknown;
  socket.send = (tokens: Token[]) => {
    // Nagle's algorithm would hold a bracket's second and third placeOrder until the first is acknowledged.
    if (socket.client && nagleOff !== socket.client) {
      nagleOff = socket.client;
      socket.client.setNoDelay?.(true);
    }
    if (!socket.useV100Plus) return library(tokens);
    const flat = socket.flattenDeep(tokens);
    const framed = frameMessage(flat);
    if (!framed) return library(tokens);
    socket.client?.write(framed.bytes);
    socket.controller.emitEvent(EventName.sent, flat, framed.text);
  };
  return true;
}
