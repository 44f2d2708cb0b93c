import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, shasums, standInElectronZip, startMirror, type Mirror } from '../../support/electron-mirror';
import { electronVersion, isolatedElectron, realNodeModules, stagesLeft, standInElectronSqlite } from '../../support/desktop-fixtures';
import { makeTempDir } from '../../support/temp-dir';

// `npm start`'s preflight (scripts/start.ts) run for real as a process: Electron's own install.js and
// @electron/get download a stand-in Electron zip from a loopback ELECTRON_MIRROR into an ISOLATED copy of
// the electron package (never node_modules/electron). The native step is given a stand-in Electron build
// of better-sqlite3 through TAPEDECK_ELECTRON_NATIVE (see desktop-fixtures.ts); it is still ABI-checked.
const zipName = `electron-v${electronVersion}-linux-${process.arch}.zip`;
const linux = process.platform === 'linux';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runStart(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const base = { ...process.env };
  // CI exports these; each test decides for itself.
  delete base.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete base.ELECTRON_MIRROR;
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--dry-run', ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? 1, stdout, stderr })));
}

describe.skipIf(!linux)('npm start preflight against a loopback Electron mirror', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let mirror: Mirror | undefined;
  afterEach(async () => {
    await mirror?.close();
    mirror = undefined;
    tmp?.cleanup();
  });

  function setup() {
    tmp = makeTempDir('tapedeck-start-');
    const electronDir = isolatedElectron(tmp.dir);
    const nativeDir = join(tmp.dir, 'native');
    const env = {
      NODE_PATH: realNodeModules, // the isolated copy resolves @electron/get and the zip extractor from the real install
      electron_config_cache: join(tmp.dir, 'cache'),
      TAPEDECK_ELECTRON_NATIVE: standInElectronSqlite(join(tmp.dir, 'stand-in.node')),
    };
    return { electronDir, nativeDir, env, args: ['--electron-dir', electronDir, '--native-dir', nativeDir] };
  }

  function nothingInstalled(electronDir: string, nativeDir: string): void {
    expect(existsSync(join(electronDir, 'dist'))).toBe(false);
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false);
    expect(stagesLeft(electronDir)).toBe(false);
    expect(existsSync(nativeDir)).toBe(false);
  }

  it('downloads the binary through install.js, verifies the native module and reports the electron-vite command', async () => {
    const s = setup();
    const zip = standInElectronZip(electronVersion);
    mirror = await startMirror(new Map([[`/v${electronVersion}/${zipName}`, zip], [`/v${electronVersion}/SHASUMS256.txt`, shasums({ [zipName]: zip })]]));
    const env = { ...s.env, ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' };
    const run = await runStart(s.args, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Downloading Electron ${electronVersion} for linux-${process.arch}`);
    expect(mirror.requests).toEqual(expect.arrayContaining([`/v${electronVersion}/${zipName}`, `/v${electronVersion}/SHASUMS256.txt`]));
    const exe = join(s.electronDir, 'dist', 'electron');
    expect(readFileSync(join(s.electronDir, 'path.txt'), 'utf8')).toBe('electron');
    expect(statSync(exe).mode & 0o111).not.toBe(0);
    expect(stagesLeft(s.electronDir)).toBe(false);
    expect(existsSync(join(s.nativeDir, 'better_sqlite3.node'))).toBe(true);
    const command = /electron-vite command: (.*)/.exec(run.stdout)?.[1] ?? '';
    expect(command).toMatch(new RegExp(`^ELECTRON_EXEC_PATH=${exe} \\S+ \\S+electron-vite\\.js dev$`));

    // Installed now: a second start downloads nothing.
    const before = mirror.requests.length;
    const again = await runStart([...s.args, '--preview'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(mirror.requests.length).toBe(before);
    expect(again.stdout).toMatch(/electron-vite\.js preview$/m);
  });

  it('offline: a short message, exit 1, nothing half-installed', async () => {
    const s = setup();
    const run = await runStart(s.args, { ...s.env, ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`could not download the Electron ${electronVersion} binary`);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).toContain('HTTPS_PROXY');
    expect(run.stderr).toContain('ELECTRON_MIRROR');
    expect(run.stderr).toContain('npm run serve');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
    nothingInstalled(s.electronDir, s.nativeDir);
  });

  it('a mirror without this version: says so, nothing installed', async () => {
    const s = setup();
    mirror = await startMirror(new Map());
    const run = await runStart(s.args, { ...s.env, ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered HTTP 404');
    nothingInstalled(s.electronDir, s.nativeDir);
  });

  it('a zip that fails its checksum is not installed', async () => {
    const s = setup();
    const zip = standInElectronZip(electronVersion);
    mirror = await startMirror(new Map([[`/v${electronVersion}/${zipName}`, zip], [`/v${electronVersion}/SHASUMS256.txt`, shasums({ [zipName]: Buffer.from('other') })]]));
    const run = await runStart(s.args, { ...s.env, ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('checksum');
    nothingInstalled(s.electronDir, s.nativeDir);
  });

  it('ELECTRON_SKIP_BINARY_DOWNLOAD=1 downloads nothing and says so', async () => {
    const s = setup();
    mirror = await startMirror(new Map());
    const run = await runStart(s.args, { ...s.env, ELECTRON_MIRROR: mirror.url, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
    expect(mirror.requests).toEqual([]);
    nothingInstalled(s.electronDir, s.nativeDir);
  });
});
