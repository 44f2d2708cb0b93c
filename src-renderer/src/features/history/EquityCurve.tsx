import { useEffect, useMemo, useRef, useState } from 'react';
import type { MatchMethod, RoundTrip } from '../../../../src-shared/domain/trades/round-trip';
import { Panel } from '../../components/Panel';
import { api } from '../../lib/api';
import { EquityView } from './equity-view';
import { type CurveRange, curveRange, fmtMoney } from './history-view';
import { equityPoints } from './trip-chart-data';

/** Cumulative net P&L by closed trip over the day, its month or the year to date. */
export function EquityCurve({ date, method, dayTrips, reload }: { date: string; method: MatchMethod; dayTrips: readonly RoundTrip[]; reload: number }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EquityView | null>(null);
  const [range, setRange] = useState<CurveRange>('day');
  const [wider, setWider] = useState<{ key: string; trips: RoundTrip[] } | null>(null);
  const span = curveRange(range, date);
  const key = `${span.from}|${span.to}|${method}|${reload}`;

  useEffect(() => {
    if (!hostRef.current) return;
    const view = new EquityView(hostRef.current);
    viewRef.current = view;
    return () => {
      view.dispose();
      viewRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (range === 'day') return;
    let live = true;
    const [from, to] = key.split('|');
    void api.call('history:trips', { from, to, method }).then((r) => live && setWider({ key, trips: r.ok ? r.value : [] }));
    return () => {
      live = false;
    };
  }, [range, key, method]);

  const trips = range === 'day' ? dayTrips : wider?.key === key ? wider.trips : null;
  const points = useMemo(() => equityPoints(trips ?? []), [trips]);
  useEffect(() => {
    if (trips) viewRef.current?.setPoints(points);
  }, [trips, points]);

  const last = points.at(-1)?.cum ?? 0;
  const actions = (
    <select value={range} onChange={(e) => setRange(e.target.value as CurveRange)} data-testid="equity-range" aria-label="Equity curve range">
      <option value="day">Day</option>
      <option value="month">Month</option>
      <option value="year">Year to date</option>
    </select>
  );
  return (
    <Panel title={<>Equity <span className={last > 0 ? 'pos' : last < 0 ? 'neg' : ''}>{fmtMoney(last)}</span> <span className="muted">· {points.length} trips · {span.from === span.to ? span.from : `${span.from} – ${span.to}`}</span></>} actions={actions} className="history-equity" testId="history-equity-panel">
      <div className="chart-wrap">
        <div className="chart-host" ref={hostRef} data-testid="history-equity" data-range={trips === null ? '' : `${span.from}|${span.to}`} />
        {trips === null ? <div className="overlay-notice">Loading…</div> : points.length === 0 && <div className="overlay-notice">No closed trips in this range.</div>}
      </div>
    </Panel>
  );
}
