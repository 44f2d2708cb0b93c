import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../../src-shared/contract/calls';
import { etDate } from '../../../../src-shared/domain/et-time';
import type { Fill } from '../../../../src-shared/domain/trades/fill';
import type { MatchMethod, RoundTrip } from '../../../../src-shared/domain/trades/round-trip';
import { Panel } from '../../components/Panel';
import { gridDefaults, gridTheme } from '../../components/grid-theme';
import { api } from '../../lib/api';
import { appNow } from '../../lib/app-clock';
import { requestReplay } from '../replay/replay-store';
import { DayChart } from './DayChart';
import { EquityCurve } from './EquityCurve';
import { FlexWebService } from './FlexWebService';
import { calendarCells, fillColumns, fmtEtClock, fmtMoney, monthRange, tripColumns } from './history-view';
import { type RecordingSpan, replayTarget } from './trip-chart-data';
import './history.css';

type Stats = CallOutput<'history:stats'>['stats'];

interface DayView {
  trips: RoundTrip[];
  fills: Fill[];
  stats: Stats | null;
  month: Stats['days'];
  jobs: CallOutput<'scheduler:status'>['jobs'];
  runs: CallOutput<'scheduler:status'>['runs'];
  /** Recorded sessions of the day (any symbol), for "Open in Replay". */
  recordings: RecordingSpan[];
  error: string | null;
}
const EMPTY: DayView = { trips: [], fills: [], stats: null, month: [], jobs: [], runs: [], recordings: [], error: null };

async function fetchDay(date: string, method: MatchMethod): Promise<DayView> {
  const range = { from: date, to: date, method };
  const [t, f, s, m, j, rec] = await Promise.all([
    api.call('history:trips', range), api.call('history:fills', range), api.call('history:stats', range), api.call('history:stats', { ...monthRange(date), method }),
    api.call('scheduler:status'), api.call('replay:sessions', { date, limit: 1000 }),
  ]);
  const failed = [t, f, s, m].find((r) => !r.ok);
  return {
    trips: t.ok ? t.value : [], fills: f.ok ? f.value : [], stats: s.ok ? s.value.stats : null, month: m.ok ? m.value.stats.days : [], jobs: j.ok ? j.value.jobs : [], runs: j.ok ? j.value.runs : [],
    recordings: rec.ok ? rec.value : [],
    error: failed && !failed.ok ? failed.error.message : null,
  };
}

/** The scheduler's run log, newest first: when each job was due, how it ended, what it found. */
function SchedulerRuns({ runs }: { runs: DayView['runs'] }) {
  if (runs.length === 0) return null;
  return (
    <details className="history-runs" data-testid="history-runs">
      <summary>{runs.length} recent runs</summary>
      <table className="data-table">
        <tbody>
          {runs.slice(0, 20).map((r) => (
            <tr key={r.id} data-job={r.jobId} data-outcome={r.outcome}>
              <td className="mono">{etDate(r.scheduledFor)} {fmtEtClock(r.scheduledFor).slice(0, 5)} ET</td>
              <td>{r.jobId}</td>
              <td className={r.outcome === 'failed' ? 'text-error' : ''}>{r.outcome}{r.caughtUp ? ' (caught up)' : ''}</td>
              <td className="reason">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** "Open in Replay" for the selected trip, enabled when a recording of its symbol overlaps it. */
function ReplayButton({ trip, recordings, onOpen }: { trip: RoundTrip | null; recordings: RecordingSpan[]; onOpen?: () => void }) {
  const target = trip ? replayTarget(trip, recordings, appNow()) : null;
  const title = !trip ? 'Select a trip first' : !target ? `No recording of ${trip.symbol} covers this trip` : target.whole ? 'Replay the recorded session at the entry, with the fills drawn' : 'A recording covers part of this trip: replay from where it starts';
  const open = () => {
    if (!trip || !target) return;
    requestReplay({ what: { day: { symbol: target.symbol, date: target.date } }, at: target.at, fills: trip.legs.map((l) => ({ ts: l.time, side: l.side, shares: l.shares, price: l.price })) });
    onOpen?.();
  };
  return (
    <button className="btn btn-xs" disabled={!target} title={title} onClick={open} data-testid="history-open-replay">
      Open in Replay{target && !target.whole ? ' (partial)' : ''}
    </button>
  );
}

/** The journal: a day's trips, candles, equity and fills, the KPIs, the month calendar, import and the report button. */
export function HistoryWorkspace({ onOpenReplay }: { onOpenReplay?: () => void } = {}) {
  const [date, setDate] = useState(() => etDate(appNow()));
  const [method, setMethod] = useState<MatchMethod>('fifo');
  const [view, setView] = useState<DayView>(EMPTY);
  const [reload, setReload] = useState(0);
  const [status, setStatus] = useState<string>('');
  const [importPath, setImportPath] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { trips, fills, stats, month, jobs, runs, recordings, error } = view;
  const selected = trips.find((t) => t.id === selectedId) ?? null;

  useEffect(() => {
    let live = true;
    void fetchDay(date, method).then((v) => live && setView(v));
    return () => {
      live = false;
    };
  }, [date, method, reload]);
  const load = () => setReload((n) => n + 1);

  useEffect(() => api.on('reports:progress', (p) => setStatus(p.step === 'done' ? 'Report written.' : `Building report: ${p.step} (${p.done}/${p.total})`)), []);

  const buildReport = async () => {
    setStatus('Building report…');
    const r = await api.call('reports:build', { date, method });
    setStatus(r.ok ? `Report written to ${r.value.dir}` : `Report failed: ${r.error.message}`);
  };

  const runImport = async () => {
    const r = await api.call('history:import', { kind: 'file', path: importPath.trim() });
    setStatus(r.ok ? `Imported ${r.value.inserted} new fills (${r.value.duplicates} already known) from ${r.value.format.toUpperCase()}.` : `Import failed: ${r.error.message}`);
    if (r.ok) load();
  };

  const kpis: Array<[string, string]> = stats
    ? [['Net', fmtMoney(stats.net)], ['Gross', fmtMoney(stats.gross)], ['Fees', fmtMoney(stats.fees).replace('+', '')], ['Trips', String(stats.trips)],
       ['Win rate', stats.winRate === null ? '—' : `${(stats.winRate * 100).toFixed(0)} %`], ['Profit factor', stats.profitFactor === null ? '—' : stats.profitFactor.toFixed(2)],
       ['Expectancy', fmtMoney(stats.expectancy)], ['Max DD', fmtMoney(-stats.maxDrawdownTrip)]]
    : [];

  return (
    <main className="workspace-history" data-testid="history-workspace">
      <div className="history-toolbar">
        <label>Day <input type="date" value={date} data-testid="history-date" onChange={(e) => e.target.value && setDate(e.target.value)} /></label>
        <label>Lots <select value={method} onChange={(e) => setMethod(e.target.value as MatchMethod)}><option value="fifo">FIFO</option><option value="lifo">LIFO</option><option value="average">Average</option></select></label>
        <button className="btn" onClick={load}>Refresh</button>
        <button className="btn btn-primary" data-testid="build-report" onClick={() => void buildReport()}>Build daily report</button>
        <span className="sb-spacer" />
        <FlexWebService onImported={load} onStatus={setStatus} />
        <input className="history-import-path" placeholder="Flex Query file (.xml / .csv)" value={importPath} onChange={(e) => setImportPath(e.target.value)} data-testid="import-path" />
        <button className="btn" disabled={!importPath.trim()} onClick={() => void runImport()} data-testid="import-run">Import</button>
      </div>
      {error && <div className="banner banner-error" role="alert">{error}</div>}
      {status && <div className="history-status muted" data-testid="history-status">{status}</div>}
      <div className="history-jobs muted" data-testid="history-jobs">
        {jobs.map((j) => (
          <span key={j.id}>
            {j.id}: {j.enabled ? `next ${j.next === null ? '—' : `${etDate(j.next)} ${fmtEtClock(j.next)} ET`}` : 'off'}
            {j.last && ` · last ${j.last.outcome}${j.last.caughtUp ? ' (caught up)' : ''}${j.last.message ? `: ${j.last.message}` : ''}`}
          </span>
        ))}
        <SchedulerRuns runs={runs} />
      </div>
      <div className="history-kpis" data-testid="history-kpis">
        {kpis.map(([k, v]) => (
          <div key={k} className="history-kpi"><span className="muted">{k}</span><b className={v.startsWith('+') ? 'pos' : v.startsWith('−') ? 'neg' : ''}>{v}</b></div>
        ))}
      </div>
      <div className="history-main">
        <Panel title={`Trips — ${date}`} className="history-trips">
          <div className="grid-host" data-testid="history-trips">
            <AgGridReact<RoundTrip> theme={gridTheme} rowData={trips} columnDefs={tripColumns} getRowId={(p) => p.data.id} {...gridDefaults} overlayNoRowsTemplate="No trips this day."
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }} onSelectionChanged={(e) => setSelectedId(e.api.getSelectedRows()[0]?.id ?? null)} />
          </div>
        </Panel>
        <Panel title="Month" className="history-calendar">
          <div className="calendar" data-testid="history-calendar">
            {calendarCells(date, month).map((c) => (
              <button key={c.date} className={`calendar-day ${c.date === date ? 'calendar-today' : ''}`} onClick={() => setDate(c.date)}
                style={{ gridColumn: c.column + 1, gridRow: c.row + 1, background: c.net === null ? undefined : c.net >= 0 ? `rgba(34,197,94,${0.15 + 0.6 * c.intensity})` : `rgba(239,68,68,${0.15 + 0.6 * c.intensity})` }}>
                <span>{c.day}</span>{c.net !== null && <small>{fmtMoney(c.net)}</small>}
              </button>
            ))}
          </div>
        </Panel>
      </div>
      <div className="history-charts">
        <DayChart date={date} trips={trips} selected={selected} replay={<ReplayButton trip={selected} recordings={recordings} onOpen={onOpenReplay} />} />
        <EquityCurve date={date} method={method} dayTrips={trips} reload={reload} />
      </div>
      <Panel title="Fills" className="history-fills">
        <div className="grid-host" data-testid="history-fills">
          <AgGridReact<Fill> theme={gridTheme} rowData={fills} columnDefs={fillColumns} getRowId={(p) => p.data.execId} {...gridDefaults} overlayNoRowsTemplate="No fills this day." />
        </div>
      </Panel>
    </main>
  );
}
