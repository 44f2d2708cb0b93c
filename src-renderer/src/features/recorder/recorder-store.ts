import { create } from 'zustand';
import type { RecorderStatus } from '../../../../src-shared/contract/features/recorder';
import type { Result } from '../../../../src-shared/contract/result';
import { api } from '../../lib/api';

interface RecorderState {
  status: RecorderStatus | null;
  loadError: string | null;
  /** Last error from a Stop/Promote/Reorder action. */
  actionError: string | null;
}

export const useRecorderStore = create<RecorderState>()(() => ({ status: null, loadError: null, actionError: null }));

/** Subscribes to status events, then loads the current status. Returns the unsubscribe. */
export function startRecorderFeed(): () => void {
  const off = api.on('recorder:status', (status) => useRecorderStore.setState({ status, loadError: null }));
  void api.call('recorder:status').then((r) => {
    // An event may already have delivered a newer status; keep it.
    if (r.ok) useRecorderStore.setState((s) => ({ status: s.status ?? r.value, loadError: null }));
    else useRecorderStore.setState({ loadError: r.error.message });
  });
  return off;
}

/** Runs a recorder call; the returned status replaces the shown one, an error is shown above the table. */
export async function recorderAction(run: () => Promise<Result<RecorderStatus>>): Promise<void> {
  const r = await run();
  if (r.ok) useRecorderStore.setState({ status: r.value, actionError: null });
  else useRecorderStore.setState({ actionError: r.error.message });
}
