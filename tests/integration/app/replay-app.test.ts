/**
 * The replay contract through the real app's router (zod in and out): record a demo name, list it, open
 * it, play at 10× with frames on the bus, seek, step, and close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecorderStatus, ScannerSnapshot } from '../../../src-shared/contract';
import type { ReplayFrame, ReplayInfo, ReplaySessionInfo } from '../../../src-shared/contract/features/replay';
import { createApp, type App } from '../../../src-main/app';
import { createLogger } from '../../../src-main/platform/log';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from '../../support/wait';

describe('replay through the app', () => {
  const tmp = makeTempDir('tapedeck-replay-app-');
  let app: App | undefined;
  afterEach(async () => {
    await app?.dispose();
    tmp.cleanup();
  });

  it('record a demo name, open it in replay, play at 2×, seek and step', { timeout: 60_000 }, async () => {
    app = await createApp({ dataDir: tmp.dir, carrier: 'websocket', version: 'test', demo: true, demoOptions: { seed: 11, depthLimit: 5 }, log: createLogger('replay-app') });
    const ctx = { clientId: 'ui' };
    const call = async <T>(name: string, input?: unknown): Promise<T> => {
      const r = await app!.router.dispatch(name, input, ctx);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    };
    const snap = await waitFor(async () => {
      const s = await call<ScannerSnapshot>('scanner:snapshot');
      return s.rows.length > 0 ? s : null;
    }, { timeout: 30_000, message: 'scanner rows' });
    const symbol = snap.rows[0].symbol;
    await call('recorder:start', { symbols: [symbol] });
    const recorded = async () => {
      const st = (await call<RecorderStatus>('recorder:status')).streams[0];
      // The top name of a premarket scan can be thin: a few dozen depth events are enough to play, seek and step.
      return st && st.depthMessages > 60 && (st.lastUpdate ?? 0) - st.startedAt >= 4000;
    };
    await waitFor(recorded, { timeout: 45_000, message: '4 s of depth recorded' });
    await call('recorder:stop', { symbol });

    const sessions = await call<ReplaySessionInfo[]>('replay:sessions', { symbol });
    expect(sessions).toHaveLength(1);
    expect((await app.router.dispatch('replay:open', { path: 'relative' }, ctx)).ok).toBe(false);
    const info = await call<ReplayInfo>('replay:open', { sessionId: sessions[0].sessionId });
    expect(info.events).toBe(sessions[0].depthMessages);
    expect(info.quality.mismatches).toBe(0);

    const frames: ReplayFrame[] = [];
    const sub = app.bus.subscribe((name, payload) => name === 'replay:frame' && frames.push(payload as ReplayFrame));
    await call('replay:play', { replayId: info.replayId, speed: 2 });
    // Playback starts at the session's start, which comes before its first depth row (the subscription takes a
    // moment): wait for a few frames that have reached the depth, or the end of the session.
    await waitFor(() => (frames.length >= 3 && (frames.at(-1)?.seq ?? 0) > 0) || frames.at(-1)?.atEnd, { timeout: 20_000, message: 'frames while playing' });
    const paused = await call<ReplayFrame>('replay:pause', { replayId: info.replayId });
    sub.dispose();
    expect(paused.playing).toBe(false);
    expect(frames.at(-1)!.seq).toBeGreaterThan(0);
    for (let i = 1; i < frames.length; i++) expect(frames[i].fromSeq).toBe(frames[i - 1].seq);

    const mid = await call<ReplayFrame>('replay:seek', { replayId: info.replayId, seq: Math.floor(info.events / 2) });
    expect(mid.seq).toBe(Math.floor(info.events / 2));
    expect(mid.bids.length + mid.asks.length).toBeGreaterThan(0);
    const next = await call<ReplayFrame>('replay:step', { replayId: info.replayId, kind: 'event', direction: 1 });
    expect(next.seq).toBe(mid.seq + 1);
    expect((await app.router.dispatch('replay:step', { replayId: info.replayId, kind: 'event', direction: 2 }, ctx)).ok).toBe(false);
    await call('replay:close', { replayId: info.replayId });
    expect((await app.router.dispatch('replay:seek', { replayId: info.replayId, seq: 1 }, ctx)).ok).toBe(false);
  });
});
