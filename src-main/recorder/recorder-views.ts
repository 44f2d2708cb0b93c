/** Small derived views of recorder state: what the UI and the scanner's marks show. */
import { accessSync, constants, mkdirSync } from 'node:fs';
import type { RecordingMark } from '../../src-shared/contract/features/scanner';
import type { RecordingStream } from './recording-stream';
import { effectiveCap, type SlotState } from './slot-machine';
import { recordingsRoot } from './session-meta';

/** Why a queued name waits, in a trader's words. */
export function queueReason(st: SlotState, symbol: string): string | null {
  const i = st.queue.indexOf(symbol);
  if (i < 0) return null;
  const cap = effectiveCap(st);
  const why = st.ibCap !== null && st.ibCap <= st.userCap ? `IB allows ${st.ibCap} depth stream${st.ibCap === 1 ? '' : 's'} on this account` : `your limit is ${cap} depth stream${cap === 1 ? '' : 's'}`;
  return `Waiting for a depth slot (${i + 1} in queue): ${why}, all in use. Tape is recording.`;
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
