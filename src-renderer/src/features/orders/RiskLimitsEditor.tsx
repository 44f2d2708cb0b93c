import { useEffect, useState } from 'react';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../../src-shared/domain/risk/limits';
import { api } from '../../lib/api';
import { checkLimits, DEFAULT_DRAFT, draftOf, fmtLimit, LIST_FIELDS, limitsLock, NUMERIC_FIELDS, type LimitsDraft, type NumericField } from './limits-form';
import { useTradingStore } from './trading-store';

type Message = { level: 'info' | 'error' | 'warn'; text: string };

/**
 * The hard risk limits from `trading:limits`, editable only while disarmed (main refuses otherwise and its
 * refusal is shown as it came). Only changed limits are sent.
 */
export function RiskLimitsEditor() {
  const state = useTradingStore((s) => s.status?.state);
  const [current, setCurrent] = useState<RiskLimits | null>(null);
  const [draft, setDraft] = useState<LimitsDraft>(DEFAULT_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<keyof RiskLimits, string>>>({});
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const lock = limitsLock(state);
  const disabled = lock !== null || saving || current === null;

  useEffect(() => {
    let live = true;
    void api.call('trading:limits').then((r) => {
      if (!live) return;
      if (r.ok) {
        setCurrent(r.value);
        setDraft(draftOf(r.value));
      } else setMessage({ level: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, []);

  const setNum = (k: keyof LimitsDraft, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const toggle = (k: 'allowedTypes' | 'allowedTifs', opt: string, on: boolean) =>
    setDraft((d) => ({ ...d, [k]: on ? [...d[k].filter((x) => x !== opt), opt] : d[k].filter((x) => x !== opt) }));

  const reset = (d: LimitsDraft) => {
    setDraft(d);
    setErrors({});
  };

  const save = async () => {
    if (!current) return;
    const c = checkLimits(draft, current);
    if (!c.ok) {
      setErrors(c.errors);
      return setMessage({ level: 'error', text: `not saved: ${Object.keys(c.errors).length} limit(s) to fix` });
    }
    setErrors({});
    if (Object.keys(c.patch).length === 0) return setMessage({ level: 'info', text: 'nothing changed' });
    setSaving(true);
    const r = await api.call('trading:setLimits', c.patch);
    setSaving(false);
    if (!r.ok) return setMessage({ level: 'error', text: r.error.message });
    setCurrent(r.value);
    setDraft(draftOf(r.value));
    const warn = c.warnings.length ? ` — note: ${c.warnings.join('; ')}` : '';
    setMessage({ level: c.warnings.length ? 'warn' : 'info', text: `saved ${Object.keys(c.patch).join(', ')}${warn}` });
  };

  return (
    <div className="limits-editor" data-testid="limits-editor" data-locked={String(lock !== null)}>
      {lock && (
        <p className="limits-lock lvl-warn" data-testid="limits-lock">
          {lock}
        </p>
      )}
      <div className="limits-scroll">
        <table className="data-table mono limits-table">
          <thead>
            <tr>
              <th>Limit</th><th>Value</th><th>Default</th>
            </tr>
          </thead>
          <tbody>
            {NUMERIC_FIELDS.map((f) => (
              <NumericRow key={f.key} field={f} value={draft[f.key]} error={errors[f.key]} disabled={disabled} onChange={(v) => setNum(f.key, v)} />
            ))}
            {LIST_FIELDS.map((f) => (
              <ListRow key={f.key} field={f} chosen={draft[f.key]} error={errors[f.key]} disabled={disabled} onToggle={(o, on) => toggle(f.key, o, on)} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="limits-actions">
        <button className="btn btn-primary btn-xs" disabled={disabled} onClick={() => void save()} data-testid="limits-save">
          Save limits
        </button>
        <button className="btn btn-xs" disabled={disabled} onClick={() => reset(DEFAULT_DRAFT)} data-testid="limits-defaults" title="Fill in the safe defaults (then Save)">
          Safe defaults
        </button>
        <button className="btn btn-xs" disabled={disabled} onClick={() => current && reset(draftOf(current))} data-testid="limits-revert">
          Revert
        </button>
      </div>
      {message && (
        <p className={`trading-notice lvl-${message.level}`} data-testid="limits-message">
          {message.text}
        </p>
      )}
    </div>
  );
}

function LimitLabel({ label, fieldKey, error }: { label: string; fieldKey: string; error: string | undefined }) {
  return (
    <td className="limit-label">
      {label}
      {error && (
        <div className="lvl-error limit-error" data-testid={`limit-error-${fieldKey}`}>
          {error}
        </div>
      )}
    </td>
  );
}

interface NumericRowProps {
  field: NumericField;
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange(v: string): void;
}

function NumericRow({ field: f, value, error, disabled, onChange }: NumericRowProps) {
  return (
    <tr data-testid={`limit-row-${f.key}`}>
      <LimitLabel label={f.label} fieldKey={f.key} error={error} />
      <td className="limit-value">
        <input className={`input mono limit-input ${error ? 'input-invalid' : ''}`} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid={`limit-input-${f.key}`} />{' '}
        <span className="muted">{f.unit}</span>
      </td>
      <td className="muted" data-testid={`limit-default-${f.key}`}>
        {fmtLimit(f, DEFAULT_RISK_LIMITS[f.key])}
      </td>
    </tr>
  );
}

interface ListRowProps {
  field: (typeof LIST_FIELDS)[number];
  chosen: readonly string[];
  error: string | undefined;
  disabled: boolean;
  onToggle(option: string, on: boolean): void;
}

function ListRow({ field: f, chosen, error, disabled, onToggle }: ListRowProps) {
  return (
    <tr data-testid={`limit-row-${f.key}`}>
      <LimitLabel label={f.label} fieldKey={f.key} error={error} />
      <td colSpan={2}>
        <div className="limit-options">
          {f.options.map((o) => (
            <label key={o}>
              <input type="checkbox" checked={chosen.includes(o)} disabled={disabled} onChange={(e) => onToggle(o, e.target.checked)} data-testid={`limit-${f.key}-${o}`} /> {o}
            </label>
          ))}
        </div>
      </td>
    </tr>
  );
}
