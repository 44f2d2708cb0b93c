/**
 * The Replay tab's heatmap off the DOM: building the column cache from 1 M synthetic depth events (on the
 * main thread, and through the worker's handler with the main thread's hand-over per chunk), and the
 * per-frame work of a full-width draw (percentile scale + rasterizing the visible columns), of panning a
 * zoomed window, of grouping, and of the tape overlays (VWAP, candles, bubbles). The WebGL path's GPU part
 * cannot run in node: its CPU part (texture packing, scale, the overlays on a no-op context) is measured.
 */
import { ColumnBuilder, sliceMsFor, type ColumnCache, type DepthEventLike } from '../../src-renderer/src/features/replay/heatmap-columns';
import { chunkBuffers, encodeChunk, unpackCache } from '../../src-renderer/src/features/replay/heatmap-chunk';
import { CacheWorkerHandler } from '../../src-renderer/src/features/replay/heatmap-worker-protocol';
import { bandCovers, bandFor, packBand } from '../../src-renderer/src/features/replay/heatmap-texture';
import { DEFAULT_HEAT } from '../../src-renderer/src/features/replay/heatmap-raster';
import { GROUPS } from '../../src-renderer/src/features/replay/price-grouping';
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
    rasterize(cache, v, visibleScale(cache, v, DEFAULT_HEAT), i0, i1, out);
    times.push(performance.now() - s);
  }
  const g = performance.now();
  groupCache(cache, 5);
  const group = performance.now() - g;
  return [
    { name: 'replay_ui heatmap canvas2d pan frame (1/10 of session) p50', value: p50(times), unit: 'ms' },
    { name: 'replay_ui heatmap canvas2d pan frame (1/10 of session) max', value: max(times), unit: 'ms' },
    { name: 'replay_ui heatmap group by 5 ticks (whole cache)', value: group, unit: 'ms' },
  ];
}

/**
 * The worker path for 1 M ops: per 20,000-event chunk (column-cache-build.ts's FETCH) the main thread packs typed arrays and posts them
 * (structuredClone with transfer is postMessage's serialisation); the handler folds them as the worker does,
 * then packs the cache and every grouping.
 */
const CHUNK = 20_000;

function workerPath(events: DepthEventLike[], t0: number, dur: number) {
  const handover: number[] = [];
  const folds: number[] = [];
  const h = new CacheWorkerHandler();
  const a = performance.now();
  h.handle({ kind: 'start', t0, sliceMs: sliceMsFor(t0, t0 + dur), minTick: 0.01, markers: [], gaps: [], sessionFirstSeqs: [] });
  for (let i = 0; i < events.length; i += CHUNK) {
    const s = performance.now();
    const chunk = encodeChunk(events.slice(i, i + CHUNK));
    const posted = structuredClone(chunk, { transfer: chunkBuffers(chunk) });
    handover.push(performance.now() - s);
    const [r] = h.handle({ kind: 'chunk', chunk: posted });
    if (r.msg.kind === 'folded') folds.push(r.msg.foldMs);
  }
  const f = performance.now();
  const [done] = h.handle({ kind: 'finish', end: t0 + dur, groups: [...GROUPS] });
  const finish = performance.now() - f;
  const total = performance.now() - a;
  if (done.msg.kind !== 'done') throw new Error('worker handler failed');
  const u = performance.now();
  const msg = structuredClone(done.msg, { transfer: done.transfer });
  const cache = msg.kind === 'done' ? unpackCache(msg.cache) : null;
  const receive = performance.now() - u;
  const fold = folds.reduce((x, y) => x + y, 0);
  return {
    cache: cache!,
    figures: [
      { name: 'replay_ui heatmap worker cache build 1M ops (fold + pack + 4 groupings)', value: fold + finish, unit: 'ms' },
      { name: 'replay_ui heatmap worker path end to end 1M ops (one thread)', value: total, unit: 'ms' },
      { name: 'replay_ui heatmap main-thread hand-over per 20k-event chunk p50', value: p50(handover), unit: 'ms' },
      { name: 'replay_ui heatmap main-thread hand-over per 20k-event chunk max', value: max(handover), unit: 'ms' },
      { name: 'replay_ui heatmap main-thread receive finished cache', value: receive, unit: 'ms' },
      { name: 'replay_ui heatmap worker fold per 20k-event chunk p50', value: p50(folds), unit: 'ms' },
    ],
  };
}

/**
 * The WebGL path's CPU share of the body. After a seek with the cache warm the texture and scale are reused
 * (the memo check is all); cold, the texture band is packed and the scale computed first (the upload is GPU
 * work). Each pan frame recomputes the percentile scale for the new window, and packs only if the price
 * window left the band. The overlays (2D, both paths) need a canvas: in-browser, `data-frame-ms`.
 */
function glFrames(cache: ColumnCache, t0: number, dur: number) {
  const v = viewportFor(t0, t0 + dur, 10000, 120, 1200, 720);
  const band = bandFor(v, cache.columns.length, 8192);
  const cold: number[] = [];
  const warm: number[] = [];
  let data: Float32Array | undefined;
  for (let k = 0; k < 20; k++) {
    const a = performance.now();
    data = packBand(cache, bandFor(v, cache.columns.length, 8192), k % 2 ? data : undefined);
    visibleScale(cache, v, DEFAULT_HEAT);
    cold.push(performance.now() - a);
    const b = performance.now();
    bandCovers(band, v, cache.columns.length);
    warm.push(performance.now() - b);
  }
  const pan: number[] = [];
  let w = { t0: t0 + dur * 0.3, t1: t0 + dur * 0.4 };
  for (let k = 0; k < 60; k++) {
    w = panBy(w, dur * 0.002, t0, t0 + dur);
    const pv = viewportFor(w.t0, w.t1, 10000, 120, 1200, 720);
    const a = performance.now();
    if (!bandCovers(band, pv, cache.columns.length)) packBand(cache, band);
    visibleScale(cache, pv, DEFAULT_HEAT);
    pan.push(performance.now() - a);
  }
  return [
    { name: 'replay_ui heatmap webgl frame after seek warm (cpu: band check) p50', value: p50(warm), unit: 'ms' },
    { name: 'replay_ui heatmap webgl frame after seek cold (cpu: pack band + scale) p50', value: p50(cold), unit: 'ms' },
    { name: 'replay_ui heatmap webgl frame after seek cold max', value: max(cold), unit: 'ms' },
    { name: 'replay_ui heatmap webgl texture band', value: band.rows * band.cols, unit: 'texels' },
    { name: 'replay_ui heatmap webgl pan frame (cpu: scale) p50', value: p50(pan), unit: 'ms' },
    { name: 'replay_ui heatmap webgl pan frame max', value: max(pan), unit: 'ms' },
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

  const worker = workerPath(events, t0, dur);
  const v = viewportFor(t0, t0 + dur, 10000, 120, 1200, 720);
  const out = new Uint8ClampedArray(cache.columns.length * v.rows * 4);
  const times: number[] = [];
  for (let k = 0; k < 30; k++) {
    const s = performance.now();
    const scale = visibleScale(cache, v, DEFAULT_HEAT);
    rasterize(cache, v, scale, 0, cache.columns.length - 1, out);
    times.push(performance.now() - s);
  }
  times.sort((x, y) => x - y);
  return [
    { name: 'replay_ui heatmap cache build 1M ops', value: build, unit: 'ms' },
    { name: 'replay_ui heatmap columns', value: cache.columns.length, unit: 'columns' },
    { name: 'replay_ui heatmap canvas2d frame after seek cold (scale+raster) p50', value: times[15], unit: 'ms' },
    { name: 'replay_ui heatmap canvas2d frame after seek cold (scale+raster) max', value: times[29], unit: 'ms' },
    ...worker.figures,
    ...panFrames(cache, t0, dur),
    ...glFrames(worker.cache, t0, dur),
    ...tapeWork(t0, dur),
    // In a real page too, when asked (`npm run bench -- replay-ui --browser`: a minute or two, needs /usr/bin/chromium).
    ...(process.argv.includes('--browser') ? await (await import('./replay-ui-browser')).benchReplayUiBrowser() : []),
  ];
}
