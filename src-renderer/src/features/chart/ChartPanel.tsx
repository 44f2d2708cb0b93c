import { useEffect, useRef, useState } from 'react';
import type { Bar, Timeframe } from '../../../../src-shared/domain/bar';
import { useAppStore } from '../../app/app-store';
import { useFocusStore } from '../../app/focus-store';
import { Panel } from '../../components/Panel';
import { api } from '../../lib/api';
import { updateSettings } from '../settings/settings-actions';
import { ChartView } from './chart-view';
import { ohlcvText } from './ohlcv-text';

const TIMEFRAMES: { tf: Timeframe; label: string }[] = [
  { tf: '1m', label: '1m' },
  { tf: '5m', label: '5m' },
  { tf: '15m', label: '15m' },
  { tf: '1h', label: '1h' },
  { tf: '1d', label: '1D' },
];

/** Outcome of the last load, tagged with what was loaded so a stale one reads as loading. */
type Loaded = { key: string; error: string | null };

export function ChartPanel() {
  const symbol = useFocusStore((s) => s.symbol);
  const extended = useAppStore((s) => s.settings?.chart.includeExtended ?? true);
  const anchor = useAppStore((s) => s.settings?.chart.vwapAnchor ?? '09:30');
  const [tf, setTf] = useState<Timeframe>('1m');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const key = symbol ? `${symbol}|${tf}|${extended}|${anchor}` : null;
  const load: { state: 'idle' | 'loading' | 'ready' | 'error'; message?: string } =
    key === null ? { state: 'idle' } : loaded?.key !== key ? { state: 'loading' } : loaded.error ? { state: 'error', message: loaded.error } : { state: 'ready' };
  const hostRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const viewRef = useRef<ChartView | null>(null);
  const olderRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (!hostRef.current) return;
    const showBar = (b: Bar | null) => {
      if (readoutRef.current) readoutRef.current.textContent = b ? ohlcvText(b) : '';
    };
    const view = new ChartView(hostRef.current, showBar, () => olderRef.current());
    viewRef.current = view;
    return () => {
      view.dispose();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    view.clear();
    if (readoutRef.current) readoutRef.current.textContent = '';
    if (!symbol) return;
    const loadKey = `${symbol}|${tf}|${extended}|${anchor}`;
    let live = true;
    let more = false;
    let loadingOlder = false;
    const intraday = tf !== '1d';

    olderRef.current = () => {
      const before = view.firstTs();
      if (!more || loadingOlder || before === null) return;
      loadingOlder = true;
      void api.call('chart:bars', { symbol, timeframe: tf, includeExtended: extended, before }).then((r) => {
        loadingOlder = false;
        if (!live || !r.ok) return;
        more = r.value.more && r.value.bars.length > 0;
        view.prependBars(r.value.bars);
      });
    };

    const off = api.on('chart:bar', (e) => {
      if (live && e.symbol === symbol && e.timeframe === tf) view.updateBar(e.bar);
    });
    void api.call('chart:bars', { symbol, timeframe: tf, includeExtended: extended }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setLoaded({ key: loadKey, error: r.error.message });
        return;
      }
      more = r.value.more;
      view.setBars(r.value.bars, anchor, intraday);
      view.setLevels(r.value.prevClose, r.value.premarketHigh);
      const last = view.lastBar();
      if (readoutRef.current) readoutRef.current.textContent = last ? ohlcvText(last) : '';
      setLoaded({ key: loadKey, error: null });
    });
    void api.call('chart:watch', { symbol, timeframe: tf });
    return () => {
      live = false;
      olderRef.current = () => {};
      off();
      void api.call('chart:unwatch', { symbol, timeframe: tf });
    };
  }, [symbol, tf, extended, anchor]);

  const actions = (
    <span className="seg">
      {TIMEFRAMES.map((x) => (
        <button key={x.tf} className={`btn btn-xs ${tf === x.tf ? 'btn-on' : ''}`} data-timeframe={x.tf} aria-pressed={tf === x.tf} onClick={() => setTf(x.tf)}>
          {x.label}
        </button>
      ))}
      <label className="check" title="Include pre- and post-market bars">
        <input type="checkbox" data-testid="chart-extended" checked={extended} onChange={(e) => void updateSettings({ chart: { includeExtended: e.target.checked } })} />
        Ext
      </label>
    </span>
  );

  return (
    <Panel title={`Chart ${symbol ?? ''}`} actions={actions} className="panel-chart" testId="chart">
      <div className="chart-readout mono">
        <span ref={readoutRef} data-testid="chart-readout" />
        <span className="muted"> · ET · VWAP from {anchor}</span>
      </div>
      <div className="chart-wrap" data-symbol={symbol ?? ''} data-timeframe={tf} data-load={load.state}>
        {/* lightweight-charts owns this node's children; React never renders into it. */}
        <div className="chart-host" ref={hostRef} />
        {load.state !== 'ready' && (
          <div className="overlay-notice" data-testid="chart-notice">
            {load.state === 'error' ? load.message : load.state === 'idle' ? 'Select a symbol to chart it.' : `Loading ${symbol}…`}
          </div>
        )}
      </div>
    </Panel>
  );
}
