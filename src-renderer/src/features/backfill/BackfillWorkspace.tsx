import { useEffect, useState } from 'react';
import { BAR_SIZE_KEYS, type BackfillJobInfo, type BackfillPlanPreview, type BackfillSpecInput } from '../../../../src-shared/contract/features/backfill';
import { etDate, previousSessions } from '../../../../src-shared/domain/market-time';
import { Panel } from '../../components/Panel';
import { useNow } from '../../components/use-now';
import { api } from '../../lib/api';
import { appNow } from '../../lib/app-clock';
import { etaMs, fmtDuration, parseSymbols, share, stateWords, upsertJob } from './backfill-view';
import './backfill.css';
import { DatabentoPanel } from './DatabentoPanel';

type Kind = BackfillSpecInput['kind'];
type What = BackfillSpecInput['what'];

interface Form {
  symbols: string;
  start: string;
  end: string;
  kind: Kind;
  bar: BackfillSpecInput['bar'];
  what: What;
  rth: boolean;
  force: boolean;
}

const yesterday = () => previousSessions(etDate(appNow()), 1)[0];

function toSpec(f: Form): BackfillSpecInput {
  return { symbols: parseSymbols(f.symbols), start: f.start, end: f.end, kind: f.kind, bar: f.bar, what: f.what, rth: f.rth, force: f.force };
}

function Bar({ value, testId }: { value: number; testId?: string }) {
  return (
    <div className="bf-bar" data-testid={testId} data-value={value.toFixed(3)}>
      <div className="bf-bar-fill" style={{ width: `${(value * 100).toFixed(1)}%` }} />
    </div>
  );
}

function PlanView({ plan }: { plan: BackfillPlanPreview }) {
  return (
    <div className="bf-plan" data-testid="bf-plan">
      <div className="bf-plan-kpis">
        <span><b>{plan.tasks}</b> tasks</span>
        <span><b>{plan.requests}</b> requests</span>
        <span><b>{plan.units}</b> pacing units</span>
        <span>time needed at IB's pacing: <b data-testid="bf-plan-time">{fmtDuration(plan.estimatedMs)}</b></span>
      </div>
      {plan.unresolved.length > 0 && (
        <ul className="error-list" data-testid="bf-plan-unresolved">
          {plan.unresolved.map((u) => <li key={u.symbol} className="neg">{u.symbol}: {u.error}</li>)}
        </ul>
      )}
      {plan.skipped.length > 0 && (
        <ul className="error-list muted" data-testid="bf-plan-skipped">
          {plan.skipped.map((s, i) => <li key={i}>{s.symbol ? `${s.symbol} ` : ''}{s.date}: {s.reason}</li>)}
        </ul>
      )}
    </div>
  );
}

function JobCard({ job, now, planned, onError }: { job: BackfillJobInfo; now: number; planned?: number; onError(m: string): void }) {
  const eta = etaMs(job, now, planned);
  const control = async (name: 'backfill:pause' | 'backfill:resume' | 'backfill:cancel') => {
    const r = await api.call(name, { jobId: job.jobId });
    if (!r.ok) onError(r.error.message);
  };
  const live = job.state === 'running' || job.state === 'paused';
  return (
    <div className="bf-job" data-testid="bf-job" data-state={job.state} data-job={job.jobId}>
      <div className="bf-job-head">
        <b>{job.symbols.join(', ')}</b>
        <span className="muted">{job.start} → {job.end}</span>
        <span className={`bf-state bf-state-${job.state}`} data-testid="bf-job-state">{stateWords(job.state)}</span>
        <span className="muted" data-testid="bf-job-count">{job.tasksDone}/{job.tasksTotal} tasks · {job.requests} requests</span>
        <span className="muted" data-testid="bf-job-eta">{eta === undefined ? '' : eta === 0 ? '' : `ETA ${fmtDuration(eta)}`}</span>
        <span className="sb-spacer" />
        {job.state === 'running' && <button className="btn btn-xs" data-testid="bf-pause" onClick={() => void control('backfill:pause')}>Pause</button>}
        {job.state === 'paused' && <button className="btn btn-xs" data-testid="bf-resume" onClick={() => void control('backfill:resume')}>Resume</button>}
        {live && <button className="btn btn-xs btn-danger" data-testid="bf-cancel" onClick={() => void control('backfill:cancel')}>Cancel</button>}
      </div>
      <Bar value={job.state === 'done' ? 1 : share(job.tasksDone, job.tasksTotal)} testId="bf-job-bar" />
      {job.perSymbol && (
        <div className="bf-symbols">
          {job.perSymbol.map((p) => (
            <div key={p.symbol} className="bf-symbol" data-testid={`bf-symbol-${p.symbol}`}>
              <span className="bf-symbol-name">{p.symbol}</span>
              <Bar value={share(p.done, p.total)} />
              <span className="muted">{p.done}/{p.total}{p.failed ? ` · ${p.failed} failed` : ''}</span>
              {p.error && <span className="neg bf-symbol-error">{p.error}</span>}
            </div>
          ))}
        </div>
      )}
      {job.error && <div className="banner banner-error" role="alert" data-testid="bf-job-error">{job.error}</div>}
      {job.summary && <code className="bf-summary" data-testid="bf-job-summary">{job.summary}</code>}
    </div>
  );
}

interface SpecFieldsProps {
  form: Form;
  set<K extends keyof Form>(k: K, v: Form[K]): void;
  hitsDate: string;
  setHitsDate(d: string): void;
  onGappers(): void;
}

function SpecFields({ form, set, hitsDate, setHitsDate, onGappers }: SpecFieldsProps) {
  return (
    <>
      <label className="field bf-wide"><span>Symbols</span>
        <input className="input" data-testid="bf-symbols" placeholder="AAPL, MSFT" value={form.symbols} onChange={(e) => set('symbols', e.target.value)} />
      </label>
      <label className="field"><span>Scanner hits of</span>
        <input className="input" type="date" data-testid="bf-hits-date" value={hitsDate} onChange={(e) => setHitsDate(e.target.value)} />
      </label>
      <button className="btn bf-gappers" data-testid="bf-gappers" onClick={onGappers}>Yesterday's gappers</button>
      <label className="field"><span>From</span><input className="input" type="date" data-testid="bf-start" value={form.start} onChange={(e) => set('start', e.target.value)} /></label>
      <label className="field"><span>To</span><input className="input" type="date" data-testid="bf-end" value={form.end} onChange={(e) => set('end', e.target.value)} /></label>
      <label className="field"><span>Data</span>
        <select className="input" data-testid="bf-kind" value={form.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
          <option value="bars">Bars</option><option value="ticks">Ticks</option>
        </select>
      </label>
      <label className="field"><span>Bar size</span>
        <select className="input" data-testid="bf-bar" value={form.bar} disabled={form.kind === 'ticks'} onChange={(e) => set('bar', e.target.value as Form['bar'])}>
          {BAR_SIZE_KEYS.map((b) => <option key={b} value={b}>{b}</option>)}
        </select>
      </label>
      <label className="field"><span>What</span>
        <select className="input" data-testid="bf-what" value={form.what} onChange={(e) => set('what', e.target.value as What)}>
          <option value="TRADES">Trades</option>{form.kind === 'bars' && <option value="MIDPOINT">Midpoint</option>}<option value="BID_ASK">Bid/ask</option>
        </select>
      </label>
      <label className="field field-inline"><input type="checkbox" data-testid="bf-rth" checked={form.rth} onChange={(e) => set('rth', e.target.checked)} /><span>Regular hours only</span></label>
      <label className="field field-inline"><input type="checkbox" data-testid="bf-force" checked={form.force} onChange={(e) => set('force', e.target.checked)} /><span>Redo finished days</span></label>
    </>
  );
}

/** Create a job (typed symbols or a day's scanner hits), preview it, run it, and watch, pause, resume or cancel it. */
export function BackfillWorkspace() {
  const [form, setForm] = useState<Form>(() => ({ symbols: '', start: yesterday(), end: yesterday(), kind: 'bars', bar: '1min', what: 'TRADES', rth: false, force: false }));
  const [hitsDate, setHitsDate] = useState(yesterday);
  const [plan, setPlan] = useState<BackfillPlanPreview | null>(null);
  const [jobs, setJobs] = useState<BackfillJobInfo[]>([]);
  const [planned, setPlanned] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setPlan(null);
  };

  useEffect(() => {
    void api.call('backfill:jobs').then((r) => r.ok && setJobs((cur) => r.value.reduce(upsertJob, cur)));
    return api.on('backfill:progress', (info) => setJobs((cur) => upsertJob(cur, info)));
  }, []);

  const gappers = async () => {
    const r = await api.call('backfill:hits', { date: hitsDate });
    if (!r.ok) return setError(r.error.message);
    if (!r.value.symbols.length) return setError(`The scanner recorded no hits on ${hitsDate}.`);
    setError(null);
    set('symbols', r.value.symbols.join(', '));
  };

  const preview = async () => {
    setBusy(true);
    const r = await api.call('backfill:plan', toSpec(form));
    setBusy(false);
    setPlan(r.ok ? r.value : null);
    setError(r.ok ? null : r.error.message);
  };

  const start = async () => {
    setBusy(true);
    const r = await api.call('backfill:start', toSpec(form));
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    if (plan) setPlanned((p) => ({ ...p, [r.value.jobId]: plan.estimatedMs }));
    setJobs((cur) => upsertJob(cur, r.value));
  };

  const noSymbols = parseSymbols(form.symbols).length === 0;
  return (
    <main className="workspace-backfill" data-testid="backfill-workspace">
      <Panel title="New backfill" className="bf-form-panel">
        <div className="bf-form">
          <SpecFields form={form} set={set} hitsDate={hitsDate} setHitsDate={setHitsDate} onGappers={() => void gappers()} />
          <div className="bf-actions">
            <button className="btn" data-testid="bf-preview" disabled={busy || noSymbols} onClick={() => void preview()}>Preview</button>
            <button className="btn btn-primary" data-testid="bf-run" disabled={busy || noSymbols} onClick={() => void start()}>Start</button>
          </div>
        </div>
        {error && <div className="banner banner-error" role="alert" data-testid="bf-error">{error}</div>}
        {plan && <PlanView plan={plan} />}
      </Panel>
      <DatabentoPanel defaultDate={yesterday()} />
      <Panel title="Jobs" className="bf-jobs-panel">
        <div className="bf-jobs" data-testid="bf-jobs">
          {jobs.length === 0 && <div className="muted">No backfill jobs yet.</div>}
          {jobs.map((j) => <JobCard key={j.jobId} job={j} now={now} planned={planned[j.jobId]} onError={setError} />)}
        </div>
      </Panel>
    </main>
  );
}
