/**
 * The Replay tab's heatmap off the DOM: building the column cache from 1 M synthetic depth events, and the
 * per-frame work of a full-width draw (percentile scale + rasterizing the visible columns).
 */
import { ColumnBuilder, sliceMsFor, type DepthEventLike } from '../../src-renderer/src/features/replay/heatmap-columns';
import { rasterize, visibleScale } from '../../src-renderer/src/features/replay/heatmap-raster';
import { viewportFor } from '../../src-renderer/src/features/replay/heatmap-layout';

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
  ];
}
