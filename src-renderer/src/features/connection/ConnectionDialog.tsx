import { useState } from 'react';
import { useAppStore } from '../../app/app-store';
import { Modal } from '../../components/Modal';
import { api } from '../../lib/api';
import { PreferencesSection } from '../settings/PreferencesSection';
import { updateSettings } from '../settings/settings-actions';
import { BrokerDetails } from './BrokerDetails';
import { GatewayLauncher } from './GatewayLauncher';
import { formFrom, validateConnection, type ConnectionForm, type FieldErrors } from './connection-form';

const FIELDS: { key: Exclude<keyof ConnectionForm, 'demo' | 'mode'>; label: string; inputMode?: 'numeric' }[] = [
  { key: 'host', label: 'Host' },
  { key: 'port', label: 'Port', inputMode: 'numeric' },
  { key: 'clientId', label: 'Client id', inputMode: 'numeric' },
  { key: 'connectTimeoutSec', label: 'Connect timeout (s)', inputMode: 'numeric' },
];

export function ConnectionDialog({ onClose }: { onClose(): void }) {
  const settings = useAppStore((s) => s.settings);
  const broker = useAppStore((s) => s.broker);
  const [form, setForm] = useState<ConnectionForm | null>(() => (settings ? formFrom(settings.connection) : null));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!form) return;
    const v = validateConnection(form);
    if (!v.ok) {
      setErrors(v.errors);
      setMessage({ kind: 'error', text: Object.values(v.errors).join(' · ') });
      return;
    }
    setErrors({});
    setBusy(true);
    const e = await updateSettings({ connection: v.value });
    setBusy(false);
    // The server's message is shown verbatim: it names the field and the rule.
    setMessage(e ? { kind: 'error', text: e.message } : { kind: 'ok', text: 'Saved.' });
  };

  const reconnect = async () => {
    setBusy(true);
    const r = await api.call('broker:reconnect');
    setBusy(false);
    if (r.ok) useAppStore.getState().setBroker(r.value);
    setMessage(r.ok ? { kind: 'ok', text: 'Reconnecting…' } : { kind: 'error', text: r.error.message });
  };

  return (
    <Modal title="Connection & settings" onClose={onClose} testId="connection-dialog">
      {form && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {FIELDS.map((f) => (
            <label key={f.key} className="field">
              <span>{f.label}</span>
              <input
                className={`input ${errors[f.key] ? 'input-invalid' : ''}`}
                name={f.key}
                data-testid={`conn-${f.key}`}
                inputMode={f.inputMode}
                value={form[f.key]}
                onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
              />
              {errors[f.key] && <small className="text-error">{errors[f.key]}</small>}
            </label>
          ))}
          <label className="field field-check">
            <input type="checkbox" data-testid="conn-demo" checked={form.demo} onChange={(e) => setForm({ ...form, demo: e.target.checked })} />
            <span>Demo (built-in simulator, paper account)</span>
          </label>
          <label className="field">
            <span>Account mode</span>
            <select
              className="input"
              data-testid="conn-mode"
              value={form.mode}
              onChange={(e) => setForm({ ...form, mode: e.target.value === 'live' ? 'live' : 'paper' })}
              title="Port fallback stays within this mode; a connected account of the other mode is flagged and order entry stays disarmed"
            >
              <option value="paper">Paper (fallback 4002, 7497)</option>
              <option value="live">Live (fallback 4001, 7496)</option>
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="conn-save">
              Save
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => void reconnect()} data-testid="reconnect-now">
              Reconnect now
            </button>
            {message && (
              <span className={message.kind === 'error' ? 'text-error' : 'text-ok'} data-testid="connection-message" data-kind={message.kind}>
                {message.text}
              </span>
            )}
          </div>
        </form>
      )}
      {form && <GatewayLauncher demo={form.demo} />}
      {broker && <BrokerDetails b={broker} />}
      <PreferencesSection />
    </Modal>
  );
}
