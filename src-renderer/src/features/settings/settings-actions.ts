import type { AppError } from '../../../../src-shared/contract/result';
import type { SettingsPatch } from '../../../../src-shared/contract/features/settings';
import { useAppStore } from '../../app/app-store';
import { api } from '../../lib/api';

/** Sends a settings patch; on success the store holds what main saved. Returns the error, if any. */
export async function updateSettings(patch: SettingsPatch): Promise<AppError | null> {
  const r = await api.call('settings:update', patch);
  if (!r.ok) return r.error;
  useAppStore.getState().setSettings(r.value);
  return null;
}

let pendingUi: Record<string, unknown> = {};
let uiTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Persists a piece of UI state (grid columns, filters…), debounced so dragging a column or typing
 * in a filter writes once. The whole ui map is sent so a shallow replace on the server is safe.
 */
export function persistUi(key: string, value: unknown, delayMs = 600): void {
  pendingUi[key] = value;
  if (uiTimer) clearTimeout(uiTimer);
  uiTimer = setTimeout(() => {
    uiTimer = null;
    const ui = { ...(useAppStore.getState().settings?.ui ?? {}), ...pendingUi };
    pendingUi = {};
    void updateSettings({ ui }).then((e) => {
      if (e) console.warn(`settings: could not save UI state: ${e.message}`);
    });
  }, delayMs);
}
