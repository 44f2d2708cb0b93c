/** The look every lightweight-charts chart in the app shares (Live chart, History's day chart). */
import { ColorType, CrosshairMode, type DeepPartial, type ChartOptions, type CandlestickSeriesPartialOptions } from 'lightweight-charts';

export const UP = '#22c55e';
export const DOWN = '#ef4444';

export const DARK_CHART: DeepPartial<ChartOptions> = {
  autoSize: true,
  layout: { background: { type: ColorType.Solid, color: '#0e1116' }, textColor: '#8b96a5', fontSize: 11 },
  grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
  crosshair: { mode: CrosshairMode.Normal },
  rightPriceScale: { borderColor: '#232a33' },
  timeScale: { borderColor: '#232a33', timeVisible: true, secondsVisible: false },
};

export const CANDLES: CandlestickSeriesPartialOptions = { upColor: UP, downColor: DOWN, wickUpColor: UP, wickDownColor: DOWN, borderVisible: false };
