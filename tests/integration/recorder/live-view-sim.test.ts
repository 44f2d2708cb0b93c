/**
 * The ladder's live view against the simulator over real TCP: a name that is not recorded shows its
 * book and prints, recordings that fill IB's depth cap preempt it, and recording the viewed name takes
 * its slot over.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecorderService } from '../../../src-main/recorder/recorder-service';
import { waitFor } from '../../support/wait';
import { type Closers, simRig } from './sim-rig';

describe('live view ↔ broker ↔ simulator', () => {
  const closers: Closers = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  const states = (svc: RecorderService) => Object.fromEntries(svc.status().streams.map((s) => [s.symbol, s.state]));
  const depthMessages = (svc: RecorderService, sym: string) => svc.status().streams.find((s) => s.symbol === sym)?.depthMessages ?? 0;

  it('shows an unrecorded name live, writes nothing, and gives the slot up when recordings fill IB\'s cap', async () => {
    const { svc, frames, catalog, dataDir } = await simRig(closers, { depthLimit: 3 });
    const watched = svc.watchDepth('MSFT');
    expect(watched.ok && watched.value).toEqual({ symbol: 'MSFT', source: 'live', reason: null });
    const msft = () => frames.filter((f) => f.symbol === 'MSFT');
    await waitFor(() => msft().some((f) => f.source === 'live' && f.bids.length > 0 && f.asks.length > 0), { timeout: 10_000, message: 'live MSFT book' });
    await waitFor(() => msft().some((f) => f.trades.length > 0), { timeout: 15_000, message: 'MSFT prints on the ladder' });
    expect(svc.status().liveView).toEqual({ symbol: 'MSFT', state: 'live', reason: null });
    expect(catalog.size).toBe(0);
    expect(existsSync(join(dataDir, 'recordings', 'symbol=MSFT'))).toBe(false);

    // User cap 5, IB allows 3: two recordings fit beside the view; the third gets 309, which counts the
    // view, so the view is closed and the recording takes its slot.
    await svc.start(['AAPL', 'SPY', 'QQQ']);
    await waitFor(() => svc.status().liveView?.state === 'none', { timeout: 10_000, message: 'view preempted' });
    expect(svc.status().liveView?.reason).toBe('Live book of MSFT closed: QQQ needed its depth slot to record. Stop a recording and select MSFT again to view its book.');
    expect(msft().at(-1)).toMatchObject({ source: 'live', bids: [], asks: [] });
    await waitFor(() => ['AAPL', 'SPY', 'QQQ'].every((s) => depthMessages(svc, s) > 0), { timeout: 10_000, message: 'three recordings with depth' });
    expect(svc.status()).toMatchObject({ ibCap: 3, queue: [] });
    expect(states(svc)).toEqual({ AAPL: 'recording', SPY: 'recording', QQQ: 'recording' });
    const after = msft().length;
    const n = depthMessages(svc, 'QQQ');
    await waitFor(() => depthMessages(svc, 'QQQ') > n + 10, { timeout: 10_000, message: 'more depth' });
    expect(msft()).toHaveLength(after);

    const refused = svc.watchDepth('IBM');
    expect(refused.ok && refused.value).toEqual({ symbol: 'IBM', source: 'none', reason: "All 3 depth slots IB allows on this account are recording; stop one to view IBM's book." });
  });

  it('recording the viewed name takes the slot over without a 309, even with room for one stream only', async () => {
    const { svc, frames } = await simRig(closers, { depthLimit: 1 });
    svc.watchDepth('AAPL');
    const aapl = () => frames.filter((f) => f.symbol === 'AAPL');
    await waitFor(() => aapl().some((f) => f.source === 'live' && f.bids.length > 0), { timeout: 10_000, message: 'live AAPL book' });
    await svc.start(['AAPL']);
    await waitFor(() => depthMessages(svc, 'AAPL') > 20, { timeout: 10_000, message: 'AAPL recording depth' });
    await waitFor(() => aapl().some((f) => f.source === 'recording' && f.bids.length > 0), { timeout: 5_000, message: 'recording frames' });
    expect(states(svc)).toEqual({ AAPL: 'recording' });
    expect(svc.status()).toMatchObject({ ibCap: null, liveView: null });
    const again = svc.watchDepth('AAPL');
    expect(again.ok && again.value.source).toBe('recording');
  });
});
