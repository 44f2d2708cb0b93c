import type { Bar } from '../../../../src-shared/domain/bar';
import { etDateKey, fmtEtTime } from '../../lib/et-time';
import { fmtPrice, fmtVolume } from '../../lib/format';

/** Crosshair readout: "2025-07-15 09:31:00  O 10.00 H 10.20 L 9.95 C 10.10  V 12.3K". */
export function ohlcvText(b: Bar): string {
  return `${etDateKey(b.tsOpen)} ${fmtEtTime(b.tsOpen)}  O ${fmtPrice(b.open)} H ${fmtPrice(b.high)} L ${fmtPrice(b.low)} C ${fmtPrice(b.close)}  V ${fmtVolume(b.volume)}`;
}
