/** `npm run databento` as a process against the loopback Databento server. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSessionMeta } from '../../../src-main/recording-format/session-meta';
import { type FakeDatabento, startFakeDatabento } from '../../support/databento-server';
import { fixture, hasFixtures } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp-dir';

const root = resolve(import.meta.dirname, '..', '..', '..');
const KEY = 'db-TESTKEY0000000000000000000000';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'src-main/backfill/databento/cli.ts', ...args], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABENTO_API_KEY: '', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  return new Promise((r) => child.on('exit', (code) => r({ code, out, err })));
}

describe.skipIf(!hasFixtures)('databento CLI', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let server: FakeDatabento;
  beforeEach(async () => {
    tmp = makeTempDir('databento-cli-');
    server = await startFakeDatabento({ apiKey: KEY, cost: 12.34, rangeFile: fixture('databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst') });
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('--describe is JSON; no key → exit 2 saying what it needs; above the limit → 3; --yes imports', async () => {
    const d = await run(['--describe']);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.out)).toMatchObject({ name: 'databento', outputs: { exit: { 3: expect.any(String) } } });
    const base = ['--symbol', 'NVDA', '--date', '2020-12-28', '--window', '09:30-10:30', '--data-dir', tmp.dir, '--base-url', server.baseUrl];
    const noKey = await run(base);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/needs your API key/);
    const env = { DATABENTO_API_KEY: KEY };
    const limit = await run(base, env);
    expect(limit.code).toBe(3);
    expect(limit.out).toMatch(/^COST \$12\.34 XNAS\.ITCH NVDA 2020-12-28 09:30-10:30 ET$/m);
    expect(limit.err).toMatch(/above your limit of \$5\.00/);
    const ok = await run([...base, '--yes'], env);
    expect(ok.code, ok.err).toBe(0);
    const done = JSON.parse(ok.out.split('\n').find((l) => l.startsWith('DONE '))!.slice(5)) as { path: string; records: number };
    expect(done.records).toBe(4);
    expect(readSessionMeta(done.path)?.source).toBe('databento');
    expect(server.requests.find((r) => r.method === 'timeseries.get_range')?.form).toMatchObject({ start: '2020-12-28T14:30:00.000Z', end: '2020-12-28T15:30:00.000Z' });
  }, 60_000);
});
