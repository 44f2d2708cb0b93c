/** Opens the session folders of a replay (index and keyframes built where missing) into one Timeline. */
import { err, ok, type Result } from '../../src-shared/contract/result';
import { SessionReader } from '../recording-format/session-reader';
import { loadKeyframes } from './keyframe-check';
import { type Segment, Timeline } from './timeline';

export function loadTimeline(dirs: readonly string[]): Result<Timeline> {
  const segments: Segment[] = [];
  let offset = 0;
  for (const dir of dirs) {
    let reader: SessionReader;
    try {
      reader = SessionReader.open(dir);
    } catch (e) {
      return err('INVALID_INPUT', `Cannot replay ${dir}: ${(e as Error).message}`);
    }
    try {
      const report = loadKeyframes(reader);
      const trades = reader.trades().tsRecv;
      const meta = reader.meta;
      const firsts = [meta.startedAt, reader.firstTs ?? Infinity, trades[0] ?? Infinity];
      const lasts = [meta.stoppedAt ?? -Infinity, reader.lastTs ?? -Infinity, trades.at(-1) ?? -Infinity];
      segments.push({ reader, keyframes: report.keyframes, report, offset, markers: meta.markers ?? [], start: Math.min(...firsts), end: Math.max(...lasts) });
      offset += reader.lastSeq;
    } catch (e) {
      return err('INVALID_INPUT', `Cannot replay ${dir}: ${(e as Error).message}`);
    }
  }
  if (segments.length === 0) return err('NOT_FOUND', 'Nothing to replay.');
  return ok(new Timeline(segments));
}
