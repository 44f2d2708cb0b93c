import { afterEach, describe, expect, it } from 'vitest';
import { calls } from '../../../src-shared/contract/calls';
import { etToEpoch } from '../../../src-shared/domain/market-time';
import { runAnalysis } from '../../../src-main/analyze/run-analysis';
import { createLogger } from '../../../src-main/platform/log';
import { ReplayService } from '../../../src-main/replay/replay-service';
import { synthEvents, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';

describe('replay:analysis and replay:trades', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const at = (h: number) => etToEpoch('2026-11-30', h, 0);

  function setup() {
    const tmp = makeTempDir('tapedeck-replay-analysis-');
    const svc = new ReplayService({ catalog: { list: () => [] }, emitFrame: () => {}, log: createLogger('replay-analysis-test') });
    cleanups.push(() => svc.dispose(), tmp.cleanup);
    const s = writeSynthSession(tmp.dir, 'ABC', synthEvents({ start: at(10), events: 4_000, seed: 3 }), at(10));
    const opened = svc.open({ path: s.dir }, 'c1');
    if (!opened.ok) throw new Error(opened.error.message);
    return { svc, dataDir: tmp.dir, session: s, replayId: opened.value.replayId };
  }

  it('answers the same report as `npm run analyze --json` for the replay’s session, valid by the contract', () => {
    const { svc, dataDir, session, replayId } = setup();
    const r = svc.analysis({ replayId, bucketMs: 1_000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cli = runAnalysis({ dataDir, symbol: 'ABC', date: session.date, bucketMs: 1_000, levels: 10, depthLevels: 5, staleMs: 10_000, json: true });
    // Through JSON both ways, as the CLI prints it and the transport carries it.
    expect(JSON.parse(JSON.stringify(r.value))).toEqual(JSON.parse(JSON.stringify(cli)));
    const parsed = calls['replay:analysis'].output.parse(JSON.parse(JSON.stringify(r.value)));
    expect(parsed.ofi.bucketMs).toBe(1_000);
    expect(parsed.ofi.buckets.length).toBeGreaterThan(0);
    expect(parsed.sessions).toEqual([session.sessionId]);
  });

  it('analyses a time range, rejects an empty one, and answers NOT_FOUND for a closed replay', () => {
    const { svc, replayId } = setup();
    const whole = svc.analysis({ replayId });
    const part = svc.analysis({ replayId, from: at(10), to: at(10) + 60_000 });
    expect(whole.ok && part.ok).toBe(true);
    if (!whole.ok || !part.ok) return;
    expect((part.value as unknown as { range: { events: number } }).range.events).toBeLessThan((whole.value as unknown as { range: { events: number } }).range.events);
    const bad = svc.analysis({ replayId, from: at(11), to: at(10) });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    svc.close({ replayId });
    const gone = svc.analysis({ replayId });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
    expect(calls['replay:analysis'].input.safeParse({ replayId, bucketMs: 5 }).success).toBe(false);
  });

  it('answers the panes’ report of a range: the full report’s figures plus per-bucket series, valid by the contract', () => {
    const { svc, replayId } = setup();
    for (const range of [{}, { from: at(10) + 20_000, to: at(10) + 70_000 }]) {
      const full = svc.analysis({ replayId, bucketMs: 2_000, ...range });
      const panes = svc.analysis({ replayId, bucketMs: 2_000, panes: true, ...range });
      expect(full.ok && panes.ok).toBe(true);
      if (!full.ok || !panes.ok) return;
      const p = calls['replay:analysis'].output.parse(JSON.parse(JSON.stringify(panes.value)));
      expect(p.panes).toBeDefined();
      expect(full.value.panes).toBeUndefined();
      const f = full.value;
      expect([p.ofi.beta, p.ofi.r2, p.profile.poc, p.profile.vah, p.profile.val, p.cvd.final, p.impact.kyleLambda]).toEqual([f.ofi.beta, f.ofi.r2, f.profile.poc, f.profile.vah, f.profile.val, f.cvd.final, f.impact.kyleLambda]);
      expect([p.quality.score, p.quality.reasons, p.cvd.method]).toEqual([f.quality.score, f.quality.reasons, f.cvd.method]);
      expect(p.ofi.buckets).toEqual(full.value.ofi.buckets);
      expect(p.panes!.t).toEqual(full.value.ofi.buckets.map((b) => b.t));
      expect(p.spread.quotedMean).toBeCloseTo(full.value.spread.quotedMean!, 9);
      expect(p.depthImbalance.mean).toBeCloseTo(full.value.depthImbalance.mean!, 9);
    }
  });

  it('lists every print of the replay in time order, as columns', () => {
    const { svc, replayId } = setup();
    const r = svc.trades({ replayId });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = calls['replay:trades'].output.parse(r.value);
    expect(t.ts.length).toBeGreaterThan(0);
    expect(t.price.length).toBe(t.ts.length);
    expect(t.size.length).toBe(t.ts.length);
    for (let i = 1; i < t.ts.length; i++) expect(t.ts[i]).toBeGreaterThanOrEqual(t.ts[i - 1]);
  });
});
