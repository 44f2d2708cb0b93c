import { useState } from 'react';
import { useAppStore } from '../../app/app-store';
import { updateSettings } from './settings-actions';

/** Small preferences that take effect at once: scanner alert sound, VWAP anchor. */
export function PreferencesSection() {
  const settings = useAppStore((s) => s.settings);
  const [error, setError] = useState<string | null>(null);
  if (!settings) return null;
  const save = async (patch: Parameters<typeof updateSettings>[0]) => {
    const e = await updateSettings(patch);
    setError(e?.message ?? null);
  };
  return (
    <div className="prefs">
      <div className="subhead">Preferences</div>
      <label className="field field-check">
        <input
          type="checkbox"
          data-testid="pref-alert-sound"
          checked={settings.scanner.alertSound}
          onChange={(e) => void save({ scanner: { alertSound: e.target.checked } })}
        />
        <span>Beep when a name enters the scanner's top {settings.scanner.alertTopN}</span>
      </label>
      <label className="field field-inline">
        <span>VWAP anchor (ET)</span>
        <select
          className="input"
          data-testid="pref-vwap-anchor"
          value={settings.chart.vwapAnchor}
          onChange={(e) => void save({ chart: { vwapAnchor: e.target.value as '04:00' | '09:30' } })}
        >
          <option value="04:00">04:00 premarket</option>
          <option value="09:30">09:30 regular open</option>
        </select>
      </label>
      {error && <div className="text-error">{error}</div>}
    </div>
  );
}
