/**
 * The analysis panes' data: the panes' report (replay:analysis with `panes`) of the visible range or the
 * whole session, asked for again after the heatmap's window settles (debounced while panning), one request
 * at a time, the newest winning. Main computes it (off the renderer's thread); the panes only draw.
 */
import { create } from 'zustand';
import { api } from '../../lib/api';
import { type PaneData, paneRequest, type PaneScope, requestKey } from './analysis-panes';
import { shownWindow, useReplayStore } from './replay-store';

interface PanesState {
  scope: PaneScope;
  data: PaneData | null;
  loading: boolean;
  error: string | null;
}

export const usePanesStore = create<PanesState>()(() => ({ scope: 'visible', data: null, loading: false, error: null }));

/** Levels per side for depth and depth imbalance (k), as the CLI's default. */
export const PANE_LEVELS = 5;
export const PANE_DEBOUNCE_MS = 250;

const set = usePanesStore.setState;
let widthPx = 800;
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight = false;
/** Key of the data shown (or being fetched); a request with the same key is not sent again. */
let shownKey = '';

export function schedulePanes(delayMs = PANE_DEBOUNCE_MS): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void fetchPanes();
  }, delayMs);
}

export function setPanesWidth(px: number): void {
  if (Math.abs(px - widthPx) < 1) return;
  widthPx = px;
  schedulePanes();
}

export function setPaneScope(scope: PaneScope): void {
  set({ scope });
  schedulePanes(0);
}

export function resetPanes(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  shownKey = '';
  set({ data: null, loading: false, error: null });
}

async function fetchPanes(): Promise<void> {
  const info = useReplayStore.getState().info;
  if (!info) return resetPanes();
  const req = paneRequest(usePanesStore.getState().scope, info, shownWindow(), widthPx);
  const key = requestKey(info.replayId, req);
  if (key === shownKey) return;
  // One at a time: a pan while main computes asks again once the answer is in (with the window by then).
  if (inFlight) return schedulePanes();
  inFlight = true;
  shownKey = key;
  set({ loading: true });
  try {
    const r = await api.call('replay:analysis', { replayId: info.replayId, panes: true, depthLevels: PANE_LEVELS, ...req });
    if (useReplayStore.getState().info?.replayId !== info.replayId) return;
    if (!r.ok || !r.value.panes) {
      shownKey = '';
      set({ error: r.ok ? 'The analysis came back without its series.' : r.error.message });
    } else set({ data: { ...r.value, panes: r.value.panes }, error: null });
  } finally {
    inFlight = false;
    set({ loading: false });
  }
}

/** Follows the open replay and the heatmap's window: call once; returns the unsubscribe. */
export function followReplay(): () => void {
  schedulePanes(0);
  return useReplayStore.subscribe((s, prev) => {
    if (s.info !== prev.info) {
      resetPanes();
      if (s.info) schedulePanes(0);
    } else if (s.timeView !== prev.timeView && usePanesStore.getState().scope === 'visible') schedulePanes();
  });
}
