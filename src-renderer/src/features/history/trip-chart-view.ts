import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Bar } from '../../../../src-shared/domain/bar';
import { CANDLES, DARK_CHART } from '../chart/chart-theme';
import { toEtChartTime } from '../../lib/et-time';
import type { FillMarker } from './trip-chart-data';

const BUY = '#3b82f6';
const SELL = '#f97316';
const t = (ms: number) => toEtChartTime(ms) as UTCTimestamp;

/**
 * A day's 1-minute candles with the trips' fills as markers at their prices (▲ buy under the price, ▼ sell
 * above it); the selected trip's fills are drawn brighter and the view frames it. What it shows is stamped on
 * the host (`data-bars`, `data-markers`, `data-selected-markers`) for screen readers and tests.
 */
export class TripChartView {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private bars: Bar[] = [];

  constructor(private readonly host: HTMLElement) {
    this.chart = createChart(host, DARK_CHART);
    this.candles = this.chart.addSeries(CandlestickSeries, CANDLES);
    this.markers = createSeriesMarkers(this.candles, [], { zOrder: 'top' });
    this.stamp(0, 0);
  }

  setBars(bars: readonly Bar[]): void {
    // The chart throws on repeated or unsorted times; the later copy of a minute wins.
    const byTime = new Map<number, Bar>();
    for (const b of [...bars].sort((x, y) => x.tsOpen - y.tsOpen)) byTime.set(t(b.tsOpen), b);
    this.bars = [...byTime.values()];
    this.candles.setData(this.bars.map((b) => ({ time: t(b.tsOpen), open: b.open, high: b.high, low: b.low, close: b.close })));
    this.chart.timeScale().fitContent();
  }

  /** Markers for the fills; those of `selected` stand out. Fills outside the loaded bars are left off (the chart needs a bar). */
  setFills(fills: readonly FillMarker[], selected: string | null): void {
    const have = new Set(this.bars.map((b) => b.tsOpen));
    const shown = fills.filter((f) => have.has(f.barOpen));
    const list: SeriesMarker<Time>[] = shown.map((f) => {
      const dim = selected !== null && f.tripId !== selected;
      const colour = f.side === 'BUY' ? BUY : SELL;
      return {
        time: t(f.barOpen),
        position: f.side === 'BUY' ? 'atPriceBottom' : 'atPriceTop',
        price: f.price,
        shape: f.side === 'BUY' ? 'arrowUp' : 'arrowDown',
        color: dim ? `${colour}66` : colour,
        text: dim ? undefined : `${f.side === 'BUY' ? 'B' : 'S'} ${f.shares} @ ${f.price}`,
        size: dim ? 0.8 : 1.2,
      };
    });
    this.markers.setMarkers(list);
    this.stamp(shown.length, selected === null ? 0 : shown.filter((f) => f.tripId === selected).length);
  }

  /** Shows [from, to] (epoch ms), or the whole day when null. */
  frame(span: { from: number; to: number } | null): void {
    if (!span || this.bars.length === 0) return this.chart.timeScale().fitContent();
    this.chart.timeScale().setVisibleRange({ from: t(span.from), to: t(span.to) });
  }

  dispose(): void {
    this.chart.remove();
  }

  private stamp(markers: number, selected: number): void {
    const d = this.host.dataset;
    d.bars = String(this.bars.length);
    d.markers = String(markers);
    d.selectedMarkers = String(selected);
  }
}
