/**
 * What keeps a frame at 100× cheap (docs/replay.md, "Renderer main-thread time per frame"): a view repaints
 * only when what its picture depends on changes, the playhead is DOM marks moved by a transform, the VWAP
 * label is DOM text written only on a change, and the tape is painted rows.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnCache } from '../../../../src-renderer/src/features/replay/heatmap-columns';
import { vwapLabel } from '../../../../src-renderer/src/features/replay/vwap-label';
import { viewportFor } from '../../../../src-renderer/src/features/replay/heatmap-layout';
import { labelTransform, markTransforms, paintPlayhead, PlayheadLabel, PlayheadMarks } from '../../../../src-renderer/src/features/replay/playhead-marks';
import { paintTape, TAPE_ROW, tapeRows } from '../../../../src-renderer/src/features/replay/tape-painter';
import { PaintedDeps, sameDeps } from '../../../../src-renderer/src/features/replay/view-deps';

/** An element whose style writes are counted. */
function el() {
  const writes: string[] = [];
  const style = { transform: '', display: '' };
  const proxied = new Proxy(style, {
    set(t, k: 'transform' | 'display', v: string) {
      writes.push(`${k}=${v}`);
      t[k] = v;
      return true;
    },
  });
  let text = '';
  return {
    style: proxied,
    writes,
    get textContent() {
      return text;
    },
    set textContent(v: string | null) {
      writes.push(`text=${v}`);
      text = v ?? '';
    },
  };
}

/** A 2D context that records fillRect and fillText calls with the fill style at the time. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: '',
    textBaseline: '',
    fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${ctx.fillStyle} ${x} ${y} ${w} ${h}`),
    fillText: (t: string, x: number, y: number) => calls.push(`text ${ctx.fillStyle} ${ctx.textAlign} ${t} ${x} ${y}`),
  };
  return { ctx, calls };
}

describe('repaint only on a change', () => {
  it('compares item by item by identity, and forgets on a resize or invalidate', () => {
    const tape = { ts: [1] };
    expect(sameDeps(null, [])).toBe(false);
    expect(sameDeps([tape, 1, 'a'], [tape, 1, 'a'])).toBe(true);
    expect(sameDeps([tape, 1], [{ ts: [1] }, 1])).toBe(false);
    expect(sameDeps([NaN], [NaN])).toBe(true);
    expect(sameDeps([1], [1, 2])).toBe(false);
    const p = new PaintedDeps();
    expect(p.same([tape, 800, 600])).toBe(false);
    expect(p.same([tape, 800, 600])).toBe(true);
    expect(p.same([tape, 801, 600])).toBe(false);
    p.forget();
    expect(p.same([tape, 801, 600])).toBe(false);
    expect(p.same([tape, 801, 600])).toBe(true);
  });
});

describe('playhead marks', () => {
  it('put the dim from the playhead, the past up to it and the line on whole pixels, as the painters did', () => {
    expect(markTransforms(120.26)).toEqual({ future: 'translateX(120.3px)', past: 'translateX(calc(120.3px - 100%))', line: 'translateX(120px)' });
    // The timeline's 3-px playhead started one pixel left of the rounded x.
    expect(markTransforms(120.6, 3).line).toBe('translateX(120px)');
  });
  it('write the DOM only when the playhead moves, and hide without a playhead', () => {
    const [future, past, line] = [el(), el(), el()];
    const m = new PlayheadMarks({ future, past, line });
    m.set(10);
    expect(line.writes).toEqual(['transform=translateX(10px)', 'display=']);
    expect(future.writes).toEqual(['transform=translateX(10.0px)', 'display=']);
    m.set(10.01);
    m.set(10);
    expect(line.writes.length).toBe(2);
    m.set(11);
    expect(line.writes.at(-1)).toBe('transform=translateX(11px)');
    expect(line.writes.length).toBe(3);
    m.set(null);
    m.set(null);
    expect([future.style.display, past.style.display, line.style.display]).toEqual(['none', 'none', 'none']);
    expect(line.writes.length).toBe(4);
    m.set(11);
    expect(line.style.display).toBe('');
    // The first call always writes, whatever the elements showed before.
    const fresh = el();
    new PlayheadMarks({ line: fresh }).set(null);
    expect(fresh.writes).toEqual(['display=none']);
  });
  it('paint the same marks for an export: the future dimmed from x, the line at it', () => {
    const { ctx, calls } = recorder();
    paintPlayhead(ctx, 300.4, 800, 200);
    expect(calls).toEqual(['rect rgba(8,10,14,0.35) 300.4 0 499.6 200', 'rect #f8fafc 300 0 1 200']);
  });
});

describe('VWAP label at the playhead', () => {
  const cache: ColumnCache = { t0: 0, sliceMs: 1000, minTick: 0.01, seq: 0, columns: [] };
  const tape = { ts: Float64Array.from([1000, 5000]), price: Float64Array.from([100, 101]), size: Float64Array.from([1, 1]), vwap: Float64Array.from([100, 100.5]), candles: [] };
  const v = viewportFor(0, 10_000, 10_025, 100, 1000, 400);
  it('shows the VWAP of the prints up to the playhead, right of it while there is room', () => {
    expect(vwapLabel(cache, v, tape, 500)).toBeNull();
    const l = vwapLabel(cache, v, tape, 2000)!;
    expect(l.text).toBe('VWAP 100.00');
    expect(l).toMatchObject({ x: 202, right: true });
    expect(vwapLabel(cache, v, tape, 5000)!.text).toBe('VWAP 100.50');
    const late = vwapLabel(cache, v, tape, 9500)!;
    expect(late).toMatchObject({ x: 948, right: false });
    expect(labelTransform(late)).toBe(`translate(calc(948.0px - 100%), ${late.top.toFixed(1)}px)`);
  });
  it('keeps the label inside the view when the VWAP is off it', () => {
    const low = viewportFor(0, 10_000, 20_000, 100, 1000, 400);
    expect(vwapLabel(cache, low, tape, 2000)!.top).toBe(400 - 14 - 11);
  });
  it('writes its text and place only when they change', () => {
    const e = el();
    const label = new PlayheadLabel(e);
    label.set({ text: 'VWAP 100.00', x: 10, top: 20, right: true });
    label.set({ text: 'VWAP 100.00', x: 10, top: 20, right: true });
    expect(e.writes).toEqual(['display=', 'text=VWAP 100.00', 'transform=translate(10.0px, 20.0px)']);
    label.set({ text: 'VWAP 100.00', x: 11, top: 20, right: true });
    expect(e.writes.length).toBe(4);
    label.set(null);
    expect(e.style.display).toBe('none');
  });
});

describe('tape rows', () => {
  const prints = [
    { ts: Date.UTC(2026, 10, 30, 15, 0, 0, 0), price: 100, size: 100 },
    { ts: Date.UTC(2026, 10, 30, 15, 0, 1, 250), price: 100.5, size: 2500 },
    { ts: Date.UTC(2026, 10, 30, 15, 0, 2, 0), price: 100.25, size: 300 },
  ];
  it('newest first, coloured against the print before, the oldest uncoloured', () => {
    const rows = tapeRows(prints);
    expect(rows.map((r) => r.tick)).toEqual(['down', 'up', '']);
    expect(rows[0].cells[0]).toBe('10:00:02.000');
    expect(rows[1].cells[2]).toBe(tapeRows([prints[1]])[0].cells[2]);
  });
  it('paints one row per print while they fit, newest on top', () => {
    const { ctx, calls } = recorder();
    paintTape(ctx, prints, 220, TAPE_ROW * 2);
    const texts = calls.filter((c) => c.startsWith('text'));
    // Three cells a row; the third print's row would start at the canvas's bottom edge and is not drawn.
    expect(texts.length).toBe(6);
    expect(texts[0]).toContain('10:00:02.000');
    expect(texts[0]).toContain('#ef4444');
    expect(texts[3]).toContain('#22c55e');
  });
});
