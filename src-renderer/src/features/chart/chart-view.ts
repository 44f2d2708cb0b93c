import {
  CandlestickSeries,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createChart,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type MouseEventParams,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Bar } from '../../../../src-shared/domain/bar';
import { CANDLES, DARK_CHART } from './chart-theme';
import { toEtChartTime } from '../../lib/et-time';
import { lastVwap, mergeLiveBar, sessionVwap, type VwapAnchor } from './vwap';


/** Chart time for a bar: shifted so the UTC axis reads the ET wall clock on any machine. */
const t = (tsOpen: number) => toEtChartTime(tsOpen) as UTCTimestamp;

const candle = (b: Bar) => ({ time: t(b.tsOpen), open: b.open, high: b.high, low: b.low, close: b.close });
const volume = (b: Bar) => ({ time: t(b.tsOpen), value: b.volume, color: b.close >= b.open ? 'rgba(34,197,94,0.45)' : 'rgba(239,68,68,0.45)' });

/**
 * Sorted bars with one bar per chart time (the chart throws on duplicates; a repeated source bar or
 * the repeated hour at the autumn DST change could produce one). The later bar wins.
 */
function uniqueByChartTime(bars: readonly Bar[]): Bar[] {
  const byTime = new Map<number, Bar>();
  for (const b of [...bars].sort((x, y) => x.tsOpen - y.tsOpen)) byTime.set(t(b.tsOpen), b);
  return [...byTime.values()];
}

/**
 * The imperative chart: candles, volume on its own bottom scale, session VWAP and reference price
 * lines. Data is set once per symbol/timeframe; live bars go through series.update().
 */
export class ChartView {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volumes: ISeriesApi<'Histogram'>;
  private readonly vwap: ISeriesApi<'Line'>;
  private bars: Bar[] = [];
  private byTime = new Map<number, Bar>();
  private lines: IPriceLine[] = [];
  private anchor: VwapAnchor = '09:30';
  private intraday = true;
  private liveUpdates = 0;

  constructor(private readonly host: HTMLElement, onCrosshair: (bar: Bar | null) => void, onNeedOlder: () => void) {
    this.chart = createChart(host, DARK_CHART);
    this.candles = this.chart.addSeries(CandlestickSeries, {
      ...CANDLES,
    });
    this.volumes = this.chart.addSeries(HistogramSeries, { priceScaleId: 'vol', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    this.chart.priceScale('vol').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    this.vwap = this.chart.addSeries(LineSeries, { color: '#eab308', lineWidth: 1, priceLineVisible: false, lastValueVisible: true, title: 'VWAP', crosshairMarkerVisible: false });

    this.chart.subscribeCrosshairMove((p: MouseEventParams) => {
      onCrosshair(p.time === undefined ? (this.bars[this.bars.length - 1] ?? null) : (this.byTime.get(p.time as number) ?? null));
    });
    this.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range && range.from < 10 && this.bars.length > 0) onNeedOlder();
    });
  }

  /** Replaces everything (new symbol or timeframe). */
  setBars(bars: Bar[], anchor: VwapAnchor, intraday: boolean): void {
    this.anchor = anchor;
    this.intraday = intraday;
    this.bars = uniqueByChartTime(bars);
    this.pushAll();
    this.chart.timeScale().fitContent();
    if (this.bars.length > 150) this.chart.timeScale().setVisibleLogicalRange({ from: this.bars.length - 150, to: this.bars.length + 3 });
  }

  /** Adds older history on the left, keeping the view where the user is looking. */
  prependBars(older: Bar[]): void {
    const first = this.bars[0]?.tsOpen ?? Number.POSITIVE_INFINITY;
    const add = older.filter((b) => b.tsOpen < first).sort((a, b) => a.tsOpen - b.tsOpen);
    if (add.length === 0) return;
    const range = this.chart.timeScale().getVisibleLogicalRange();
    this.bars = uniqueByChartTime([...add, ...this.bars]);
    this.pushAll();
    if (range) this.chart.timeScale().setVisibleLogicalRange({ from: range.from + add.length, to: range.to + add.length });
  }

  /** The forming (or just closed) bar; older bars than the last are ignored. */
  updateBar(bar: Bar): void {
    if (!mergeLiveBar(this.bars, bar)) return;
    this.byTime.set(t(bar.tsOpen), bar);
    this.candles.update(candle(bar));
    this.volumes.update(volume(bar));
    this.describe(++this.liveUpdates);
    if (this.intraday) {
      const v = lastVwap(this.bars, this.anchor);
      this.vwap.update(v && v.value !== null ? { time: t(bar.tsOpen), value: v.value } : { time: t(bar.tsOpen) });
    }
  }

  /** Previous close and premarket high as horizontal lines. */
  setLevels(prevClose: number | null, premarketHigh: number | null): void {
    for (const l of this.lines) this.candles.removePriceLine(l);
    this.lines = [];
    if (prevClose !== null) this.lines.push(this.candles.createPriceLine({ price: prevClose, color: '#64748b', lineStyle: LineStyle.Dashed, lineWidth: 1, title: 'Prev close', axisLabelVisible: true }));
    if (premarketHigh !== null) this.lines.push(this.candles.createPriceLine({ price: premarketHigh, color: '#a855f7', lineStyle: LineStyle.Dotted, lineWidth: 1, title: 'PM high', axisLabelVisible: true }));
  }

  firstTs(): number | null {
    return this.bars[0]?.tsOpen ?? null;
  }

  lastBar(): Bar | null {
    return this.bars[this.bars.length - 1] ?? null;
  }

  clear(): void {
    this.bars = [];
    this.pushAll();
    this.setLevels(null, null);
  }

  dispose(): void {
    this.chart.remove();
  }

  /** What the canvas shows, as attributes on the host: for screen readers of the DOM and for e2e tests. */
  private describe(liveUpdates: number): void {
    const d = this.host.dataset;
    d.bars = String(this.bars.length);
    d.firstTs = String(this.bars[0]?.tsOpen ?? '');
    d.lastTs = String(this.bars[this.bars.length - 1]?.tsOpen ?? '');
    d.lastClose = String(this.bars[this.bars.length - 1]?.close ?? '');
    d.liveUpdates = String(liveUpdates);
  }

  private pushAll(): void {
    this.liveUpdates = 0;
    this.describe(0);
    this.byTime = new Map(this.bars.map((b) => [t(b.tsOpen), b]));
    this.candles.setData(this.bars.map(candle));
    this.volumes.setData(this.bars.map(volume));
    this.vwap.setData(
      this.intraday
        ? sessionVwap(this.bars, this.anchor).map((p) => (p.value === null ? { time: t(p.tsOpen) } : { time: t(p.tsOpen), value: p.value }))
        : [],
    );
  }
}
