import { BaselineSeries, ColorType, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { toEtChartTime } from '../../lib/et-time';
import { type EquityPoint, strictSeconds } from './trip-chart-data';

/**
 * The equity curve: cumulative net P&L after each closed trip, green above zero and red below, starting
 * from 0 just before the first trip. Point count is stamped on the host (`data-points`, `data-last`).
 */
export class EquityView {
  private readonly chart: IChartApi;
  private readonly line: ISeriesApi<'Baseline'>;

  constructor(private readonly host: HTMLElement) {
    this.chart = createChart(host, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#0e1116' }, textColor: '#8b96a5', fontSize: 11 },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      rightPriceScale: { borderColor: '#232a33' },
      timeScale: { borderColor: '#232a33', timeVisible: true, secondsVisible: false },
    });
    this.line = this.chart.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: '#22c55e', topFillColor1: 'rgba(34,197,94,0.28)', topFillColor2: 'rgba(34,197,94,0.04)',
      bottomLineColor: '#ef4444', bottomFillColor1: 'rgba(239,68,68,0.04)', bottomFillColor2: 'rgba(239,68,68,0.28)',
      lineWidth: 2, priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
    });
    this.setPoints([]);
  }

  setPoints(points: readonly EquityPoint[]): void {
    // The ET shift first, then strictly increasing seconds (trips closing in one second keep their own points).
    const secs = strictSeconds(points.map((p) => toEtChartTime(p.ts) * 1000));
    const data = points.map((p, i) => ({ time: secs[i] as UTCTimestamp, value: p.cum }));
    if (data.length) data.unshift({ time: (data[0].time - 1) as UTCTimestamp, value: 0 });
    this.line.setData(data);
    this.chart.timeScale().fitContent();
    this.host.dataset.points = String(points.length);
    this.host.dataset.last = points.length ? String(points[points.length - 1].cum) : '';
  }

  dispose(): void {
    this.chart.remove();
  }
}
