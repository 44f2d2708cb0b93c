import { useEffect, useMemo, useRef, useState } from 'react';
import { addDays } from '../../../../src-shared/domain/civil-date';
import { etMidnight } from '../../../../src-shared/domain/et-time';
import type { RoundTrip } from '../../../../src-shared/domain/trades/round-trip';
import { Panel } from '../../components/Panel';
import { api } from '../../lib/api';
import { appNow } from '../../lib/app-clock';
import { daySymbols, fillMarkers, tripWindow } from './trip-chart-data';
import { TripChartView } from './trip-chart-view';

interface DayChartProps {
  date: string;
  trips: readonly RoundTrip[];
  selected: RoundTrip | null;
  /** The "Open in Replay" control for the selected trip (rendered in the header). */
  replay: React.ReactNode;
}

type Load = { key: string; state: 'ready' | 'error'; message?: string };

/** The day's trips on 1-minute candles (extended hours), one symbol at a time; a selected trip is framed. */
export function DayChart({ date, trips, selected, replay }: DayChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<TripChartView | null>(null);
  const symbols = useMemo(() => daySymbols(trips), [trips]);
  const [picked, setPicked] = useState<string | null>(null);
  const symbol = selected?.symbol ?? (picked && symbols.includes(picked) ? picked : (symbols[0] ?? null));
  const [load, setLoad] = useState<Load | null>(null);
  const key = symbol ? `${symbol}|${date}` : '';

  useEffect(() => {
    if (!hostRef.current) return;
    const view = new TripChartView(hostRef.current);
    viewRef.current = view;
    return () => {
      view.dispose();
      viewRef.current = null;
    };
  }, []);

  // Bars through the same call the Live chart uses: the cache, backfilled files, else IB (one session).
  useEffect(() => {
    const view = viewRef.current;
    view?.setBars([]);
    if (!symbol || !view) return;
    let live = true;
    const before = Math.min(etMidnight(addDays(date, 1)), Math.floor(appNow()));
    void api.call('chart:bars', { symbol, timeframe: '1m', includeExtended: true, before, days: 1 }).then((r) => {
      if (!live) return;
      if (!r.ok) return setLoad({ key: `${symbol}|${date}`, state: 'error', message: r.error.message });
      view.setBars(r.value.bars);
      setLoad({ key: `${symbol}|${date}`, state: r.value.bars.length ? 'ready' : 'error', message: `No 1-minute bars for ${symbol} on ${date}.` });
    });
    return () => {
      live = false;
    };
  }, [symbol, date]);

  const ready = load?.key === key && load.state === 'ready';
  useEffect(() => {
    const view = viewRef.current;
    if (!view || !symbol || !ready) return;
    view.setFills(fillMarkers(trips, symbol), selected?.id ?? null);
    view.frame(selected ? tripWindow(selected) : null);
  }, [ready, trips, symbol, selected]);

  const actions = (
    <span className="seg">
      {symbols.map((s) => (
        <button key={s} className={`btn btn-xs ${s === symbol ? 'btn-on' : ''}`} aria-pressed={s === symbol} data-testid={`history-chart-symbol-${s}`} onClick={() => setPicked(s)} disabled={selected !== null && selected.symbol !== s}>
          {s}
        </button>
      ))}
      {replay}
    </span>
  );
  const notice = !symbol ? 'No trips this day.' : load?.key !== key ? `Loading ${symbol}…` : load.state === 'error' ? load.message : null;

  return (
    <Panel title={`Candles${symbol ? ` — ${symbol}` : ''}${selected ? ' · selected trip' : ''}`} actions={actions} className="history-chart" testId="history-chart-panel">
      <div className="chart-wrap" data-load={!symbol ? 'idle' : load?.key !== key ? 'loading' : load.state}>
        {/* lightweight-charts owns this node's children; React never renders into it. */}
        <div className="chart-host" ref={hostRef} data-testid="history-chart" />
        {notice && <div className="overlay-notice">{notice}</div>}
      </div>
    </Panel>
  );
}
