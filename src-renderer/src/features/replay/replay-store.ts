/**
 * The Replay tab's state. React reads the rarely-changing parts (sessions, the open replay, playing, speed);
 * frames land in `frame` many times a second and the canvas views read them through `subscribe`, so a frame
 * never re-renders React.
 */
import { create } from 'zustand';
import type { ReplayFrame, ReplayInfo, ReplaySessionInfo } from '../../../../src-shared/contract/features/replay';
import type { Result } from '../../../../src-shared/contract/result';
import { api } from '../../lib/api';
import type { ColumnCache } from './heatmap-columns';
import { buildColumnCache } from './column-cache-build';
import { nextSpeed, type Speed } from './replay-time';
import { mergeTrades, type Trade } from './trades';
import type { TripFill } from './trip-fills';
import type { Grouping } from './price-grouping';
import { candles, vwapSeries, type TapeData } from './tape-series';

export type { TapeData };
import { clampWindow, fitWindow, follow, isFit, type TimeWindow } from './time-window';

export type { Trade };

type OpenWhat = { sessionId: string } | { day: { symbol: string; date: string } } | { path: string };

/** A replay to open at an instant with a trip's fills over it (History → "Open in Replay"). */
export interface ReplayRequest {
  what: OpenWhat;
  at: number;
  fills: TripFill[];
}

/** Queues a replay for the Replay tab to open when it shows (see takePendingReplay). */
export function requestReplay(req: ReplayRequest): void {
  set({ pending: req, filter: 'day' in req.what ? { symbol: req.what.day.symbol, date: req.what.day.date } : get().filter });
}

/** Opens the queued replay, once. */
export function takePendingReplay(): void {
  const req = get().pending;
  if (!req) return;
  set({ pending: null });
  void openReplay(req.what, { at: req.at, fills: req.fills });
}


interface ReplayState {
  sessions: ReplaySessionInfo[];
  sessionsError: string | null;
  filter: { symbol: string; date: string };
  info: ReplayInfo | null;
  frame: ReplayFrame | null;
  playing: boolean;
  speed: Speed;
  error: string | null;
  /** Column cache for the heatmap; null while it builds. */
  cache: ColumnCache | null;
  cacheProgress: number;
  /** Every print seen in frames, by time (the heatmap's bubbles until the whole tape has arrived). */
  trades: Trade[];
  /** A journal trip's fills drawn over the replay (opened from the History tab); empty otherwise. */
  fills: TripFill[];
  /** What the History tab asked to open; the Replay tab takes it when it mounts. */
  pending: ReplayRequest | null;
  /** Every recorded print (`replay:trades`) with its session VWAP and 1-minute candles; null while loading. */
  tape: TapeData | null;
  /** Time window shown by the heatmap and candles (zoom/pan); null = the whole replay. */
  timeView: TimeWindow | null;
  /** Heatmap ticks per row. */
  group: Grouping;
}


export const useReplayStore = create<ReplayState>()(() => ({
  sessions: [],
  sessionsError: null,
  filter: { symbol: '', date: '' },
  info: null,
  frame: null,
  playing: false,
  speed: 1,
  error: null,
  cache: null,
  cacheProgress: 0,
  trades: [],
  fills: [],
  pending: null,
  tape: null,
  timeView: null,
  group: 1,
}));

const set = useReplayStore.setState;
const get = useReplayStore.getState;

export async function loadSessions(): Promise<void> {
  const { symbol, date } = get().filter;
  const r = await api.call('replay:sessions', {
    ...(symbol.trim() ? { symbol: symbol.trim().toUpperCase() } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
    limit: 500,
  });
  if (r.ok) set({ sessions: r.value, sessionsError: null });
  else set({ sessionsError: r.error.message });
}

function takeFrame(f: ReplayFrame): void {
  const info = get().info;
  if (!info || f.replayId !== info.replayId) return;
  set((s) => ({ frame: f, playing: f.playing, trades: mergeTrades(s.trades, f.trades), timeView: s.timeView && follow(s.timeView, f.ts, info.start, info.end) }));
}

/** The window the views show (the whole replay when not zoomed). */
export function shownWindow(): TimeWindow | null {
  const { info, timeView } = get();
  return info ? (timeView ?? fitWindow(info.start, info.end)) : null;
}

/** Sets the time window (clamped; null when it shows everything). Frames then keep the playhead in it. */
export function setTimeView(w: TimeWindow | null): void {
  const info = get().info;
  if (!info) return;
  const c = w && clampWindow(w, info.start, info.end);
  set({ timeView: c && !isFit(c, info.start, info.end) ? c : null });
}

export const setGroup = (group: Grouping) => set({ group });

async function loadTape(replayId: string): Promise<void> {
  const r = await api.call('replay:trades', { replayId });
  if (!r.ok || get().info?.replayId !== replayId) return;
  const t = { ts: Float64Array.from(r.value.ts), price: Float64Array.from(r.value.price), size: Float64Array.from(r.value.size) };
  set({ tape: { ...t, vwap: vwapSeries(t), candles: candles(t) } });
}

let offFrames: (() => void) | null = null;
let buildToken = 0;

export async function openReplay(what: OpenWhat, opts: { at?: number; fills?: TripFill[] } = {}): Promise<void> {
  await closeReplay();
  const r = await api.call('replay:open', { ...what, levels: 20 });
  if (!r.ok) return void set({ error: r.error.message });
  set({ info: r.value, frame: null, playing: false, error: null, cache: null, cacheProgress: 0, trades: [], tape: null, timeView: null, fills: opts.fills ?? [] });
  offFrames = api.on('replay:frame', takeFrame);
  takeFrame(r.value.frame);
  void loadTape(r.value.replayId);
  if (opts.at !== undefined) await seekTs(Math.min(Math.max(opts.at, r.value.start), r.value.end));
  const token = ++buildToken;
  const cache = await buildColumnCache(r.value, (p) => token === buildToken && set({ cacheProgress: p }));
  if (token === buildToken && get().info?.replayId === r.value.replayId) set({ cache, cacheProgress: 1 });
}

export async function closeReplay(): Promise<void> {
  buildToken++;
  offFrames?.();
  offFrames = null;
  const info = get().info;
  set({ info: null, frame: null, playing: false, cache: null, trades: [], tape: null, timeView: null, fills: [] });
  if (info) await api.call('replay:close', { replayId: info.replayId });
}

async function drive(run: (replayId: string) => Promise<Result<ReplayFrame>>): Promise<void> {
  const info = get().info;
  if (!info) return;
  const r = await run(info.replayId);
  if (r.ok) takeFrame(r.value);
  else set({ error: r.error.message });
}

export const seekTs = (ts: number) => drive((replayId) => api.call('replay:seek', { replayId, ts: Math.max(0, Math.round(ts)) }));
/** To a depth event by its sequence number (0 = the session's start, before its first event). */
export const seekSeq = (seq: number) => drive((replayId) => api.call('replay:seek', { replayId, seq: Math.max(0, Math.round(seq)) }));
export const step = (kind: 'event' | 'trade' | 'gap' | 'marker', direction: 1 | -1) =>
  drive((replayId) => api.call('replay:step', { replayId, kind, direction }));
export const play = () => drive((replayId) => api.call('replay:play', { replayId, speed: get().speed }));
export const pause = () => drive((replayId) => api.call('replay:pause', { replayId }));
export const togglePlay = () => (get().playing ? pause() : play());

export async function setSpeed(speed: Speed): Promise<void> {
  set({ speed });
  if (get().playing) await play();
}
export const bumpSpeed = (dir: 1 | -1) => setSpeed(nextSpeed(get().speed, dir));
