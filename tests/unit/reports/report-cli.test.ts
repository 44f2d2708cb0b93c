import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFlexFile } from '../../../src-main/history/flex/flex-import';
import { openStorage } from '../../../src-main/storage';
import { makeTempDir } from '../../support/temp-dir';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src-main/reports/cli.ts', ...args], { encoding: 'utf8', timeout: 30_000 });

describe('npm run report', () => {
  it('--help and --describe say what it takes and writes', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--data-dir <dir> --date <YYYY-MM-DD>/);
    const d = run('--describe');
    expect(d.status).toBe(0);
    const desc = JSON.parse(d.stdout);
    expect(desc.inputs.map((i: { flag: string }) => i.flag)).toEqual(['--data-dir', '--date', '--out', '--format', '--method']);
    expect(desc.outputs.map((o: { path: string }) => o.path)).toEqual(['<out>/<date>/report.md', '<out>/<date>/trades.csv', '<out>/<date>/report.html', '<out>/<date>/report.pdf']);
  });

  it('refuses bad arguments with exit 2', () => {
    expect(run('--date', '2026-03-02').status).toBe(2);
    expect(run('--data-dir', '/tmp', '--date', '03/02/2026').status).toBe(2);
    const r = run('--data-dir', '/tmp', '--date', '2026-03-02', '--format', 'md,docx');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/docx/);
  });

  it('writes the chosen formats for a day from the data directory', async () => {
    const tmp = makeTempDir();
    try {
      const s = openStorage(tmp.dir);
      await importFlexFile(s.ledger, join(import.meta.dirname, '..', '..', 'fixtures', 'flex', 'activity.csv'));
      s.close();
      const out = join(tmp.dir, 'out');
      const r = run('--', '--data-dir', tmp.dir, '--date', '2026-03-02', '--out', out, '--format', 'md,csv,html');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`done ${join(out, '2026-03-02')} (3 trips, net 238.40)`);
      for (const f of ['report.md', 'trades.csv', 'report.html']) expect(existsSync(join(out, '2026-03-02', f))).toBe(true);
      expect(existsSync(join(out, '2026-03-02', 'report.pdf'))).toBe(false);
      expect(readFileSync(join(out, '2026-03-02', 'report.md'), 'utf8')).toContain('+$238.40');
    } finally {
      tmp.cleanup();
    }
  });
});
