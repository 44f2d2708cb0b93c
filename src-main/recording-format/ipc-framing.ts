/**
 * Walks the framing of an Arrow IPC stream: each message is a 0xFFFFFFFF continuation marker, an int32
 * metadata length, the flatbuffer Message (which holds the body length), then the body; 0xFFFFFFFF 0 ends
 * the stream. Pure over bytes, so a file cut anywhere can be measured without trusting its tail.
 */
import { Message, MessageHeader } from 'apache-arrow';

export const EOS_MARKER = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

export interface StreamScan {
  /** Byte offset just past the last whole message (the safe truncation point). */
  goodEnd: number;
  /** Whole record batches (dictionary batches not counted). */
  batches: number;
  rows: number;
  hasSchema: boolean;
  /** The stream ends with an end-of-stream marker. */
  eos: boolean;
}

function readMessage(bytes: Uint8Array, view: DataView, off: number): { end: number; message: Message } | null {
  if (off + 8 > bytes.length) return null;
  let metaStart = off + 8;
  let metaLen = view.getInt32(off + 4, true);
  if (view.getUint32(off, true) !== 0xffffffff) {
    // Pre-0.15 streams have no continuation marker: the first int32 is the length.
    metaLen = view.getInt32(off, true);
    metaStart = off + 4;
  }
  if (metaLen <= 0 || metaStart + metaLen > bytes.length) return null;
  let message: Message;
  try {
    message = Message.decode(bytes.subarray(metaStart, metaStart + metaLen));
  } catch {
    return null;
  }
  const end = metaStart + metaLen + Number(message.bodyLength);
  return end <= bytes.length ? { end, message } : null;
}

export function scanIpcStream(bytes: Uint8Array): StreamScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scan: StreamScan = { goodEnd: 0, batches: 0, rows: 0, hasSchema: false, eos: false };
  let off = 0;
  while (off + 8 <= bytes.length) {
    if (view.getUint32(off, true) === 0xffffffff && view.getInt32(off + 4, true) === 0) {
      scan.eos = true;
      scan.goodEnd = off + 8;
      break;
    }
    const m = readMessage(bytes, view, off);
    if (!m) break;
    if (m.message.headerType === MessageHeader.Schema) scan.hasSchema = true;
    if (m.message.headerType === MessageHeader.RecordBatch) {
      scan.batches++;
      scan.rows += Number((m.message as Message<MessageHeader.RecordBatch>).header().length);
    }
    off = m.end;
    scan.goodEnd = off;
  }
  return scan;
}

export interface IpcMessageSpan {
  /** Byte offset of the message (its continuation marker). */
  offset: number;
  /** Byte offset just past its body. */
  end: number;
  type: MessageHeader;
  /** Rows of a record batch (0 for other messages). */
  rows: number;
}

/** Every whole message of a stream with its byte span, in order (stops at EOS or the first torn message). */
export function listIpcMessages(bytes: Uint8Array): IpcMessageSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: IpcMessageSpan[] = [];
  let off = 0;
  while (off + 8 <= bytes.length) {
    if (view.getUint32(off, true) === 0xffffffff && view.getInt32(off + 4, true) === 0) break;
    const m = readMessage(bytes, view, off);
    if (!m) break;
    const rows = m.message.headerType === MessageHeader.RecordBatch ? Number((m.message as Message<MessageHeader.RecordBatch>).header().length) : 0;
    out.push({ offset: off, end: m.end, type: m.message.headerType, rows });
    off = m.end;
  }
  return out;
}
