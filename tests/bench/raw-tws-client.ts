import net from 'node:net';

export interface RawTwsClient {
  socket: net.Socket;
  /** Frames received so far (the handshake's three included). */
  frames: () => number;
  send: (fields: Array<string | number>) => void;
  /** Resolves after version, managed accounts and next valid id. */
  ready: Promise<void>;
}

/**
 * A TWS API client that completes the handshake and only splits length-prefixed frames, decoding
 * nothing: the floor any client's decode cost sits on.
 */
export async function rawTwsClient(port: number, clientId: number): Promise<RawTwsClient> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  let frames = 0;
  let pending = Buffer.alloc(0);
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const send = (fields: Array<string | number>) => {
    const payload = Buffer.from(fields.join('\0') + '\0');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(payload.length);
    socket.write(Buffer.concat([len, payload]));
  };
  socket.on('data', (d: Buffer) => {
    const buf = pending.length ? Buffer.concat([pending, d]) : d;
    let off = 0;
    while (buf.length - off >= 4) {
      const len = buf.readUInt32BE(off);
      if (buf.length - off < 4 + len) break;
      off += 4 + len;
      frames++;
      if (frames === 1) send([71, 2, clientId, '']);
      if (frames === 3) resolveReady();
    }
    pending = off < buf.length ? Buffer.from(buf.subarray(off)) : Buffer.alloc(0);
  });
  const offer = Buffer.from('v100..193');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(offer.length);
  socket.write(Buffer.concat([Buffer.from('API\0', 'latin1'), len, offer]));
  return { socket, frames: () => frames, send, ready };
}

/** REQ_MKT_DEPTH for a SMART/USD stock. */
export const reqDepthFields = (reqId: number, symbol: string, rows: number, smart: boolean): Array<string | number> =>
  [10, 5, reqId, 0, symbol, 'STK', '', 0, '', '', 'SMART', '', 'USD', '', '', rows, smart ? 1 : 0, ''];
