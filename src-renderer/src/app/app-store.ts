import { create } from 'zustand';
import type { AppInfo, AppNotice } from '../../../src-shared/contract/features/app';
import type { BrokerStatus } from '../../../src-shared/contract/features/broker';
import type { Settings } from '../../../src-shared/contract/features/settings';
import { setAppClockOffset } from '../lib/app-clock';
import { api } from '../lib/api';

export type AppPhase = 'loading' | 'ready' | 'error';

interface AppState {
  phase: AppPhase;
  error: string | null;
  info: AppInfo | null;
  settings: Settings | null;
  broker: BrokerStatus | null;
  /** Newest last, bounded. */
  notices: AppNotice[];
  setSettings(settings: Settings): void;
  setBroker(status: BrokerStatus): void;
}

const MAX_NOTICES = 50;

export const useAppStore = create<AppState>()((set) => ({
  phase: 'loading',
  error: null,
  info: null,
  settings: null,
  broker: null,
  notices: [],
  setSettings: (settings) => set({ settings }),
  setBroker: (broker) => set({ broker }),
}));

let listening = false;

/** Event subscriptions live for the page's lifetime; they are set up once, before the first calls. */
function listen(): void {
  if (listening) return;
  listening = true;
  const s = useAppStore.getState();
  api.on('settings:changed', (v) => s.setSettings(v));
  api.on('broker:status', (v) => s.setBroker(v));
  api.on('app:notice', (n) => useAppStore.setState((st) => ({ notices: [...st.notices, n].slice(-MAX_NOTICES) })));
}

/** Loads what the shell needs; phase becomes ready only when all three first calls resolved. */
export async function bootApp(): Promise<void> {
  listen();
  useAppStore.setState({ phase: 'loading', error: null });
  const [info, settings, broker] = await Promise.all([
    api.call('app:info'),
    api.call('settings:get'),
    api.call('broker:status'),
  ]);
  const failed = [info, settings, broker].flatMap((r) => (r.ok ? [] : [r.error.message]));
  if (!info.ok || !settings.ok || !broker.ok) {
    useAppStore.setState({ phase: 'error', error: failed.join(' · ') });
    return;
  }
  setAppClockOffset(info.value.clockOffsetMs);
  useAppStore.setState({
    phase: 'ready',
    info: info.value,
    settings: settings.value,
    // An event may have arrived while the call was in flight; it is newer than the call's answer.
    broker: useAppStore.getState().broker ?? broker.value,
  });
}
