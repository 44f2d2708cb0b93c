/**
 * TWS API framing (v100+): the client opens with `"API\0" + be32(n) + "v<min>..<max>[ opts]"`,
 * then every message either way is `be32(len) + "f1\0f2\0…fn\0"`.
 */

export const MAX_FRAME = 0xffffff;
const API_PREFIX = Buffer.from('API\0', 'latin1');

export type FrameEvent =
  | { kind: 'handshake'; text: string }
  | { kind: 'message'; fields: string[] }
  | { kind: 'error'; reason: string };

/** Incremental decoder of the client byte stream; yields the handshake first, then messages. */
export class IbFrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private handshakeDone = false;
  private failed = false;

  push(chunk: Buffer): FrameEvent[] {
    if (this.failed) return [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: FrameEvent[] = [];
    for (;;) {
      if (!this.handshakeDone) {
        if (this.buf.length < API_PREFIX.length) {
          if (!API_PREFIX.subarray(0, this.buf.length).equals(this.buf)) return this.fail(out, 'missing API prefix');
          break;
        }
        if (!this.buf.subarray(0, 4).equals(API_PREFIX)) return this.fail(out, 'missing API prefix');
        if (this.buf.length < 8) break;
        const n = this.buf.readUInt32BE(4);
        if (n > 4096) return this.fail(out, `handshake length ${n} too large`);
        if (this.buf.length < 8 + n) break;
        const text = this.buf.subarray(8, 8 + n).toString('utf8').replace(/\0+$/, '');
        this.buf = this.buf.subarray(8 + n);
        this.handshakeDone = true;
        out.push({ kind: 'handshake', text });
        continue;
      }
      if (this.buf.length < 4) break;
      const len = this.buf.readUInt32BE(0);
      if (len > MAX_FRAME) return this.fail(out, `frame length ${len} exceeds ${MAX_FRAME}`);
      if (this.buf.length < 4 + len) break;
      const payload = this.buf.toString('utf8', 4, 4 + len);
      this.buf = this.buf.subarray(4 + len);
      const fields = payload.split('\0');
      // The payload ends with NUL, so split leaves one empty trailing element.
      if (fields.length && fields[fields.length - 1] === '') fields.pop();
      out.push({ kind: 'message', fields });
    }
    return out;
  }

  private fail(out: FrameEvent[], reason: string): FrameEvent[] {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    out.push({ kind: 'error', reason });
    return out;
  }
}

/** The payload string of one message (fields joined, NUL-terminated), ready to frame. */
export function joinFields(fields: ReadonlyArray<string | number>): string {
  return fields.join('\0') + '\0';
}

/** One framed message as bytes. */
export function encodeFrame(fields: ReadonlyArray<string | number>): Buffer {
  const payload = joinFields(fields);
  const len = Buffer.byteLength(payload, 'utf8');
  const buf = Buffer.allocUnsafe(4 + len);
  buf.writeUInt32BE(len, 0);
  buf.write(payload, 4, 'utf8');
  return buf;
}

/** Packs many payload strings into one buffer (one socket write per flush). */
export function packPayloads(payloads: readonly string[]): Buffer {
  let total = 0;
  const lens = new Array<number>(payloads.length);
  for (let i = 0; i < payloads.length; i++) {
    const l = Buffer.byteLength(payloads[i], 'utf8');
    lens[i] = l;
    total += 4 + l;
  }
  const buf = Buffer.allocUnsafe(total);
  let off = 0;
  for (let i = 0; i < payloads.length; i++) {
    buf.writeUInt32BE(lens[i], off);
    off += 4;
    off += buf.write(payloads[i], off, 'utf8');
  }
  return buf;
}
