import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import { createLogger } from '../../../src-main/platform/log';
import { QueryError, type ResearchEngine } from '../../../src-main/research/engine-port';
import { ResearchService } from '../../../src-main/research/research-service';
import { synthEvents, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';

describe('ResearchService', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  afterEach(() => tmp.cleanup());

  function setup(behaviour: (sql: string) => Promise<ResearchEngine['query'] extends (...a: never[]) => infer R ? Awaited<R> : never>) {
    tmp = makeTempDir();
    const opened: string[] = [];
    const closed: number[] = [];
    const progress: number[] = [];
    const svc = new ResearchService({
      dataDir: tmp.dir, clock: new ManualClock(5), log: createLogger('test'), hits: () => [], emit: (p) => progress.push(p.done),
      openEngine: async (root) => {
        opened.push(root);
        const id = opened.length;
        return { query: (sql) => behaviour(sql), close: () => closed.push(id) };
      },
    });
    return { svc, opened, closed, progress };
  }

  it('maps refusals to INVALID_INPUT and timeouts to LIMIT_REACHED, in words', async () => {
    const { svc } = setup(async (sql) => {
      if (sql.includes('slow')) throw new QueryError('timeout', 'The query ran longer than 30 s and was stopped.');
      throw new QueryError('refused', 'Only a read-only query (SELECT) can run here.');
    });
    expect(await svc.query({ sql: 'COPY x TO y' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Only a read-only query (SELECT) can run here.' } });
    const slow = await svc.query({ sql: 'SELECT slow' });
    expect(slow.ok === false && slow.error.code).toBe('LIMIT_REACHED');
  });

  it('opens the engine once, and again after an export wrote files (new datasets get views)', async () => {
    const { svc, opened, closed, progress } = setup(async () => ({ columns: [], rows: [], truncated: false, elapsedMs: 1 }));
    await svc.query({ sql: 'SELECT 1' });
    await svc.query({ sql: 'SELECT 1' });
    expect(opened).toHaveLength(1);
    const start = Date.UTC(2025, 2, 3, 14, 30);
    writeSynthSession(tmp.dir, 'ABC', synthEvents({ start, events: 500 }), start);
    const [a, b] = await Promise.all([svc.export({ datasets: ['depth', 'book'] }), svc.export({})]);
    expect(a.ok && a.value.written).toBe(2);
    expect(b.ok === false && b.error.code).toBe('LIMIT_REACHED');
    expect(progress).toEqual([1, 2]);
    await svc.query({ sql: 'SELECT 1' });
    expect(opened).toHaveLength(2);
    expect(closed).toEqual([1]);
    const again = await svc.export({ datasets: ['depth', 'book'] });
    expect(again.ok && [again.value.written, again.value.skipped]).toEqual([0, 2]);
    await svc.query({ sql: 'SELECT 1' });
    expect(opened).toHaveLength(2);
    expect(svc.examples().map((e) => e.id)).toEqual(['first-five-minutes']);
  });
});
