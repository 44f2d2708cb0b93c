import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src-main/storage';
import { synthEvents, writeSynthSession } from '../../support/synthetic-session';
import { makeTempDir } from '../../support/temp-dir';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src-main/research/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('npm run research', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    tmp = makeTempDir('tapedeck-research-cli-');
    const start = Date.UTC(2025, 2, 3, 14, 29, 0);
    writeSynthSession(tmp.dir, 'GAPR', synthEvents({ start, events: 15_000 }), start);
    const s = openStorage(tmp.dir);
    s.hits.record({ symbol: 'GAPR', ts: start - 120_000, gapPct: 22.5, rvol: 3, score: 1, source: 'TOP_PERC_GAIN' });
    s.hits.record({ symbol: 'OTHR', ts: start - 60_000, gapPct: 9, rvol: 2, score: 1, source: 'TOP_PERC_GAIN' });
    s.close();
  });
  afterAll(() => tmp.cleanup());

  it('--help and --describe say what it takes and writes', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('npm run research -- export --data-dir DIR');
    const d = run('--describe');
    expect(d.status).toBe(0);
    const desc = JSON.parse(d.stdout);
    expect(Object.keys(desc.commands)).toEqual(['export', 'query']);
    expect(desc.commands.export.inputs.datasets).toEqual(['depth', 'trades', 'book', 'bars', 'ticks', 'hits']);
  });

  it('refuses bad arguments with exit 2', () => {
    expect(run('export').status).toBe(2);
    expect(run('frobnicate', '--data-dir', tmp.dir).status).toBe(2);
    const bad = run('export', '--data-dir', tmp.dir, '--datasets', 'depth,quotes');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/quotes/);
    expect(run('query', '--data-dir', tmp.dir, '--example', 'nope').status).toBe(2);
  });

  it('exports with a SUMMARY line, writes nothing the second time, and answers the worked example with the gap %', () => {
    const first = run('--', 'export', '--data-dir', tmp.dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.trim().split('\n').at(-1)).toMatch(/^SUMMARY WRITE=4 SKIP=0 ERROR=0 files=4 rows=\d+ bytes=\d+ duration=\d+\.\d{3}s$/);
    const second = run('--', 'export', '--data-dir', tmp.dir);
    expect(second.stdout.trim().split('\n').at(-1)).toMatch(/^SUMMARY WRITE=0 SKIP=4 ERROR=0 files=4 rows=0 bytes=0 /);
    const q = run('--', 'query', '--data-dir', tmp.dir, '--example', 'first-five-minutes', '--json');
    expect(q.stderr).toBe('');
    const out = JSON.parse(q.stdout) as { columns: Array<{ name: string }>; rows: unknown[][] };
    expect(out.rows).toHaveLength(1);
    const row = Object.fromEntries(out.columns.map((c, i) => [c.name, out.rows[0][i]]));
    expect([row.symbol, row.date, row.gap_pct]).toEqual(['GAPR', '2025-03-03', 22.5]);
    expect(row.samples as number).toBeGreaterThan(2_000);
    const refused = run('--', 'query', '--data-dir', tmp.dir, '--sql', "COPY depth TO '/tmp/x.csv'");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/read-only/);
  });
});
