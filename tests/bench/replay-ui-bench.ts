/**
 * The Replay tab's heatmap off the DOM: building the column cache from 1 M synthetic depth events, and the
 * per-frame work of a full-width draw (percentile scale + rasterizing the visible columns), of panning a
 * zoomed window, of grouping, and of the tape overlays (VWAP, candles, bubbles).
 */
import { ColumnBuilder, sliceMsFor, type DepthEventLike } from '../../src-renderer/src/features/replay/heatmap-columns';
import { rasterize, visibleScale } from '../../src-renderer/src/features/replay/heatmap-raster';
import { viewportFor } from '../../src-renderer/src/features/replay/heatmap-layout';
import { groupCache } from '../../src-renderer/src/features/replay/price-grouping';
import { bubbleIndexes, candles, thinToPixels, vwapSeries } from '../../src-renderer/src/features/replay/tape-series';
import { panBy } from '../../src-renderer/src/features/replay/time-window';

const p50 = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const max = (xs: number[]) => Math.max(...xs);

/** Frames while panning a window of a tenth of the session (each frame a new raster), and the grouped view. */
function panFrames(cache: ReturnType<ColumnBuilder['finish']>, t0: number, dur: number) {
  const times: number[] = [];
  let w = { t0: t0 + dur * 0.3, t1: t0 + dur * 0.4 };
  for (let k = 0; k < 60; k++) {
    w = panBy(w, dur * 0.002, t0, t0 + dur);
    const v = viewportFor(w.t0, w.t1, 10000, 120, 1200, 720);
    const s = performance.now();
    const i0 = Math.floor((w.t0 - t0) / cache.sliceMs);
    const i1 = Math.min(cache.columns.length - 1, Math.floor((w.t1 - t0) / cache.sliceMs));
    const out = new Uint8ClampedArray((i1 - i0 + 1) * v.rows * 4);
    rasterize(cache, v, visibleScale(cache, v, { loPct: 5, hiPct: 90, gamma: 1 }), i0, i1, out);
    times.push(performance.now() - s);
  }
  const g = performance.now();
  groupCache(cache, 5);
  const group = performance.now() - g;
  return [
    { name: 'replay_ui heatmap pan frame (1/10 of session) p50', value: p50(times), unit: 'ms' },
    { name: 'replay_ui heatmap pan frame (1/10 of session) max', value: max(times), unit: 'ms' },
    { name: 'replay_ui heatmap group by 5 ticks (whole cache)', value: group, unit: 'ms' },
  ];
}

/** A day's tape of 200,000 prints: VWAP and candles once, then the per-frame overlay work over the full day. */
function tapeWork(t0: number, dur: number) {
  const n = 200_000;
  const tape = { ts: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    tape.ts[i] = t0 + (i / n) * dur;
    tape.price[i] = 100 + Math.sin(i / 3000) * 0.5;
    tape.size[i] = 1 + ((i * 7919) % 1000);
  }
  const a = performance.now();
  const vwap = vwapSeries(tape);
  const bars = candles(tape);
  const build = performance.now() - a;
  const times: number[] = [];
  bubbleIndexes(tape, t0, t0 + dur); // the size order is sorted once per tape
  for (let k = 0; k < 20; k++) {
    const s = performance.now();
    thinToPixels(tape.ts, vwap, t0 + k, t0 + dur, 1200);
    bubbleIndexes(tape, t0 + k, t0 + dur);
    times.push(performance.now() - s);
  }
  return [
    { name: 'replay_ui tape 200k prints vwap+candles build', value: build, unit: 'ms' },
    { name: 'replay_ui tape candles', value: bars.length, unit: 'bars' },
    { name: 'replay_ui full-day window vwap thin + bubble pick p50', value: p50(times), unit: 'ms' },
  ];
}

export async function benchReplayUi() {
  const N = 1_000_000;
  const t0 = 1_700_000_000_000;
  const dur = 6.5 * 3600_000;
  const events: DepthEventLike[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  // 10 levels a side built first, then updates at random positions around a slowly drifting price.
  for (let i = 0; i < 20; i++) {
    const side = i < 10 ? 1 : 0;
    const p = i % 10;
    events.push({ seq: i + 1, tsRecv: t0, epoch: 1, position: p, operation: 0, side, price: side ? 100 - p * 0.01 : 100.01 + p * 0.01, size: 100, marketMaker: '' });
  }
  for (let i = 20; i < N; i++) {
    const side = rnd() < 0.5 ? 1 : 0;
    const p = Math.floor(rnd() * 10);
    const mid = 100 + Math.round(Math.sin(i / 50_000) * 50) * 0.01;
    events.push({ seq: i + 1, tsRecv: t0 + Math.floor((i / N) * dur), epoch: 1, position: p, operation: 1, side, price: side ? mid - p * 0.01 : mid + 0.01 + p * 0.01, size: 100 + Math.floor(rnd() * 5000), marketMaker: '' });
  }
  const a = performance.now();
  const b = new ColumnBuilder(t0, sliceMsFor(t0, t0 + dur), 0.01, []);
  for (let i = 0; i < N; i += 5000) b.add(events.slice(i, i + 5000));
  const cache = b.finish(t0 + dur);
  const build = performance.now() - a;

  const v = viewportFor(t0, t0 + dur, 10000, 120, 1200, 720);
  const out = new Uint8ClampedArray(cache.columns.length * v.rows * 4);
  const times: number[] = [];
  for (let k = 0; k < 30; k++) {
    const s = performance.now();
    const scale = visibleScale(cache, v, { loPct: 5, hiPct: 90, gamma: 1 });
    rasterize(cache, v, scale, 0, cache.columns.length - 1, out);
    times.push(performance.now() - s);
  }
  times.sort((x, y) => x - y);
  return [
    { name: 'replay_ui heatmap cache build 1M ops', value: build, unit: 'ms' },
    { name: 'replay_ui heatmap columns', value: cache.columns.length, unit: 'columns' },
    { name: 'replay_ui heatmap frame scale+raster p50', value: times[15], unit: 'ms' },
    { name: 'replay_ui heatmap frame scale+raster max', value: times[29], unit: 'ms' },
    ...panFrames(cache, t0, dur),
    ...tapeWork(t0, dur),
  ];
}
