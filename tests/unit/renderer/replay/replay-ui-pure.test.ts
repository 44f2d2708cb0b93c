import { describe, expect, it } from 'vitest';
import { etToEpoch } from '../../../../src-shared/domain/et-time';
import { bubbleRadius, rowHeight, tsOfX, viewportFor, xOf, yOf } from '../../../../src-renderer/src/features/replay/heatmap-layout';
import { replayKeyAction } from '../../../../src-renderer/src/features/replay/replay-keys';
import { fmtEtClockMs, jumpTarget, nextSpeed, parseEtClock, timelineTs } from '../../../../src-renderer/src/features/replay/replay-time';
import { mergeTrades } from '../../../../src-renderer/src/features/replay/trades';

describe('heatmap layout', () => {
  const v = viewportFor(1000, 2000, 500, 10, 200, 100);
  it('maps time to x and back, and ticks to rows from the top', () => {
    expect(xOf(v, 1500)).toBe(100);
    expect(tsOfX(v, 50)).toBe(1250);
    expect(v.topTick).toBe(505);
    expect(rowHeight(v)).toBe(10);
    expect(yOf(v, 505)).toBe(0);
    expect(yOf(v, 500)).toBe(50);
  });
  it('sizes bubbles by volume (area), clamped', () => {
    expect(bubbleRadius(0, 100)).toBe(0);
    expect(bubbleRadius(100, 100)).toBe(14);
    expect(bubbleRadius(25, 100)).toBe(7);
    expect(bubbleRadius(1e9, 100)).toBe(14);
    expect(bubbleRadius(0.0001, 100)).toBe(2);
  });
});

describe('replay time', () => {
  it('parses ET clock text', () => {
    expect(parseEtClock('09:30')).toBe(570 * 60_000);
    expect(parseEtClock('9:30:15.5')).toBe(570 * 60_000 + 15_500);
    expect(parseEtClock('24:00')).toBeNull();
    expect(parseEtClock('soon')).toBeNull();
  });
  it('jumps to the ET instant on the replay’s date, clamped to its span', () => {
    const start = etToEpoch('2026-07-01', 9, 30);
    const end = etToEpoch('2026-07-01', 10, 0);
    expect(jumpTarget('09:45', '2026-07-01', start, end)).toBe(etToEpoch('2026-07-01', 9, 45));
    expect(jumpTarget('08:00', '2026-07-01', start, end)).toBe(start);
    expect(jumpTarget('nope', '2026-07-01', start, end)).toBeNull();
    expect(fmtEtClockMs(etToEpoch('2026-07-01', 9, 45, 3) + 7)).toBe('09:45:03.007');
    expect(fmtEtClockMs(etToEpoch('2026-07-01', 9, 45, 3) + 66.67)).toBe('09:45:03.067'); // fractional instants (axis labels)
  });
  it('steps speeds within 0.1× … max', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(100, 1)).toBe('max');
    expect(nextSpeed('max', 1)).toBe('max');
    expect(nextSpeed(0.1, -1)).toBe(0.1);
  });
  it('maps a timeline click to an instant, clamped', () => {
    expect(timelineTs(50, 200, 1000, 2000)).toBe(1250);
    expect(timelineTs(-10, 200, 1000, 2000)).toBe(1000);
    expect(timelineTs(999, 200, 1000, 2000)).toBe(2000);
  });
});

describe('replay keys', () => {
  const k = (key: string, shiftKey = false, ctrlKey = false) => replayKeyAction({ key, shiftKey, ctrlKey, metaKey: false, altKey: false });
  it('maps the documented shortcuts', () => {
    expect(k(' ')).toEqual({ do: 'toggle' });
    expect(k('ArrowRight')).toEqual({ do: 'step', kind: 'event', direction: 1 });
    expect(k('ArrowLeft', true)).toEqual({ do: 'step', kind: 'trade', direction: -1 });
    expect(k('G', true)).toEqual({ do: 'step', kind: 'gap', direction: -1 });
    expect(k('m')).toEqual({ do: 'step', kind: 'marker', direction: 1 });
    expect(k('-')).toEqual({ do: 'speed', direction: -1 });
    expect(k('Home')).toEqual({ do: 'edge', to: 'start' });
    expect(k('End')).toEqual({ do: 'edge', to: 'end' });
    expect(k('ArrowRight', false, true)).toBeNull();
    expect(k('x')).toBeNull();
  });
});

describe('trades kept for the heatmap', () => {
  const t = (ts: number, size = 1) => ({ ts, price: 10, size });
  it('appends new prints, drops ones seen again after a seek back, keeps time order', () => {
    let known = mergeTrades([], [t(1), t(2), t(3)]);
    known = mergeTrades(known, [t(2), t(3), t(4)]);
    expect(known.map((x) => x.ts)).toEqual([1, 2, 3, 4]);
    known = mergeTrades(known, [t(0), t(1)]);
    expect(known.map((x) => x.ts)).toEqual([0, 1, 2, 3, 4]);
    const same = mergeTrades(known, [t(3)]);
    expect(same).toBe(known);
    expect(mergeTrades(known, [t(3, 5)]).length).toBe(6); // a different print at the same instant
  });
});
