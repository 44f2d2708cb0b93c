/** Small derived views of recorder state: what the UI and the scanner's marks show. */
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { RecordingMark } from '../../src-shared/contract/features/scanner';
import type { AppError } from '../../src-shared/contract/result';
import type { RecordingStream } from './recording-stream';
import { effectiveCap, queuePosition, type SlotState } from './slot-machine';
import { recordingsRoot } from '../recording-format/session-meta';

/** Why a queued name waits, in a trader's words. */
export function queueReason(st: SlotState, symbol: string): string | null {
  const i = st.queue.indexOf(symbol);
  if (i < 0) return null;
  const cap = effectiveCap(st);
  const why = st.ibCap !== null && st.ibCap <= st.userCap ? `IB allows ${st.ibCap} depth stream${st.ibCap === 1 ? '' : 's'} on this account` : `your limit is ${cap} depth stream${cap === 1 ? '' : 's'}`;
  return `Waiting for a depth slot (${i + 1} in queue): ${why}, all in use. Tape is recording.`;
}

/** Why a recorded name has no ladder yet (queued for a slot, starting, or depth refused). */
export function depthWaitReason(s: RecordingStream, st: SlotState): string {
  const pos = queuePosition(st, s.symbol);
  if (pos !== null) return `${s.symbol} waits for a depth slot (position ${pos}); the ladder appears when it gets one.`;
  return s.depthError ?? `${s.symbol} has no Level 2 stream yet; the ladder appears when it opens.`;
}

/** IB error 309 (or the broker's cap refusal without a code): the account's depth streams are all in use. */
export const isDepthCapError = (e: AppError): boolean => e.ibCode === 309 || (e.code === 'LIMIT_REACHED' && e.ibCode === undefined);

/** Why a name that is not recorded cannot have a live ladder: recordings hold every depth slot. */
export function noViewSlotReason(st: SlotState, symbol: string): string {
  const cap = effectiveCap(st);
  const byIb = st.ibCap !== null && st.ibCap <= st.userCap;
  if (cap === 0) return `IB allows no depth streams on this account right now, so ${symbol}'s book cannot be shown.`;
  const slotsText = cap === 1 ? `The only depth slot${byIb ? ' IB allows on this account' : ''} is` : `All ${cap} depth slots${byIb ? ' IB allows on this account' : ''} are`;
  return `${slotsText} recording; stop one to view ${symbol}'s book.`;
}

/** Why a live view closed because recordings needed its slot (`takers`: the names that started). */
export function preemptedReason(st: SlotState, symbol: string, takers: readonly string[]): string {
  if (takers.length === 0) return `Live book of ${symbol} closed: ${noViewSlotReason(st, symbol)}`;
  const who = takers.length === 1 ? `${takers[0]} needed its depth slot` : `${takers.join(', ')} needed the depth slots`;
  return `Live book of ${symbol} closed: ${who} to record. Stop a recording and select ${symbol} again to view its book.`;
}

export function streamMark(s: RecordingStream, queuePosition: number | null): RecordingMark {
  if (s.phase === 'error') return 'error';
  if (!s.live) return 'none';
  if (queuePosition !== null) return 'queued';
  if (s.depthSub) return 'depth';
  return s.phase === 'active' ? 'tape' : 'queued';
}

/** Creates `<dataDir>/recordings` if needed and checks it accepts writes. */
export function checkWritable(dataDir: string): boolean {
  try {
    const root = recordingsRoot(dataDir);
    mkdirSync(root, { recursive: true });
    accessSync(root, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
