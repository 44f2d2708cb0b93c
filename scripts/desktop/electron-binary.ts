/**
 * Makes sure the Electron binary is installed before electron-vite runs. Electron 45's npm package has no
 * install script: the binary comes lazily through node_modules/electron/install.js (@electron/get), and
 * electron-vite never triggers that. We run that installer ourselves, unchanged, so ELECTRON_MIRROR,
 * electron_config_cache, electron_use_remote_checksums and proxy settings keep working, but in a staging
 * copy inside the package: dist/ and path.txt appear only once the whole download is extracted.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeDownloadFailure, type FetchEvent } from './download-failure';

const STAGE_PREFIX = '.tapedeck-install-';
const PROBE = new URL('./fetch-probe.mjs', import.meta.url).href;

export interface ElectronPackage {
  dir: string;
  version: string;
  abi: number;
}

export function readElectronPackage(dir: string): ElectronPackage {
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const abi = Number(readFileSync(join(dir, 'abi_version'), 'utf8').trim());
  return { dir, version, abi };
}

/** The executable's path inside dist/, as install.js writes it to path.txt. */
export function platformPath(platform: string): string {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export type InstallState = { installed: true; executable: string } | { installed: false; reason: string };

/** The same test as install.js's isInstalled(), saying what is missing. */
export function installState(pkg: ElectronPackage, env: NodeJS.ProcessEnv, platform: string = process.platform): InstallState {
  const exe = platformPath(platform);
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    return existsSync(executable) ? { installed: true, executable } : { installed: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${exe}` };
  }
  const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  if (read(join(pkg.dir, 'dist', 'version'))?.trim().replace(/^v/, '') !== pkg.version) return { installed: false, reason: `no Electron ${pkg.version} in dist/` };
  if (read(join(pkg.dir, 'path.txt')) !== exe) return { installed: false, reason: 'path.txt is missing or names another platform' };
  const executable = join(pkg.dir, 'dist', exe);
  return existsSync(executable) ? { installed: true, executable } : { installed: false, reason: `dist/${exe} is missing` };
}

/** Child environment for install.js: proxy settings reach @electron/get, progress comes from us. */
export function installerEnv(env: NodeJS.ProcessEnv, tmpDir: string, fetchLog: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, TMPDIR: tmpDir, TEMP: tmpDir, TMP: tmpDir, ELECTRON_GET_NO_PROGRESS: '1', TAPEDECK_FETCH_LOG: fetchLog };
  if (!out.HTTPS_PROXY && !out.https_proxy && env.npm_config_https_proxy) out.HTTPS_PROXY = env.npm_config_https_proxy;
  if (!out.HTTP_PROXY && !out.http_proxy && env.npm_config_proxy) out.HTTP_PROXY = env.npm_config_proxy;
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => out[k]);
  // @electron/get uses a proxy only when asked (undici's EnvHttpProxyAgent reads HTTP(S)_PROXY, NO_PROXY).
  if (proxied && out.ELECTRON_GET_USE_PROXY === undefined) out.ELECTRON_GET_USE_PROXY = '1';
  return out;
}

export interface Reporter {
  line(text: string): void;
  progress(text: string): void;
}

export type EnsureResult = { ok: true; executable: string; downloaded: boolean } | { ok: false; message: string };

export interface EnsureOptions {
  pkg: ElectronPackage;
  env: NodeJS.ProcessEnv;
  report: Reporter;
  platform?: string;
  arch?: string;
}

function readEvents(file: string): FetchEvent[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as FetchEvent);
}

/** Bytes written so far under the installer's temp dir (the zip being downloaded). */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true, recursive: true }) : []) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MB`;

export function removeStaleStages(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith(STAGE_PREFIX)) rmSync(join(dir, name), { recursive: true, force: true });
}

/** Present? Done. Otherwise download through install.js in a staging copy, then move dist/ and path.txt in. */
export async function ensureElectronBinary(options: EnsureOptions): Promise<EnsureResult> {
  const { pkg, env, report } = options;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const state = installState(pkg, env, platform);
  if (state.installed) return { ok: true, executable: state.executable, downloaded: false };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return { ok: false, message: `ELECTRON_OVERRIDE_DIST_PATH=${env.ELECTRON_OVERRIDE_DIST_PATH}: ${state.reason}.` };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD && env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    return {
      ok: false,
      message:
        `The Electron ${pkg.version} binary is not installed (${state.reason}) and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not downloaded.\n` +
        'Unset ELECTRON_SKIP_BINARY_DOWNLOAD and run `npm start` again. The headless app needs no Electron: npm run serve -- --demo.',
    };
  }
  removeStaleStages(pkg.dir);
  const stage = mkdtempSync(join(pkg.dir, STAGE_PREFIX));
  try {
    for (const f of ['install.js', 'package.json', 'checksums.json']) copyFileSync(join(pkg.dir, f), join(stage, f));
    const tmp = join(stage, 'tmp');
    mkdirSync(tmp);
    const fetchLog = join(stage, 'fetch.jsonl');
    report.line(`Downloading Electron ${pkg.version} for ${platform}-${arch} (once; ${state.reason})…`);
    const run = await runInstaller(stage, installerEnv(env, tmp, fetchLog), () => {
      const total = readEvents(fetchLog).find((e) => e.type === 'response' && e.status === 200 && (e.length ?? 0) > 1_000_000);
      const got = bytesUnder(tmp);
      const size = total && total.type === 'response' && total.length ? total.length : 0;
      if (got > 0) report.progress(size ? `  ${mb(got)} of ${mb(size)} (${Math.floor((got / size) * 100)}%)` : `  ${mb(got)}`);
    });
    const exe = platformPath(platform);
    if (run.code !== 0 || !existsSync(join(stage, 'dist', exe))) {
      const stderr = run.code === 0 ? `the installer finished but dist/${exe} is missing` : run.stderr;
      return { ok: false, message: describeDownloadFailure({ version: pkg.version, platform, arch, events: readEvents(fetchLog), stderr, env }) };
    }
    commitStage(stage, pkg.dir);
    report.line(`Electron ${pkg.version} installed in ${join(pkg.dir, 'dist')}.`);
    return { ok: true, executable: join(pkg.dir, 'dist', exe), downloaded: true };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** dist/ first, path.txt last: install.js's isInstalled() needs both, so a crash in between reads as not installed. */
function commitStage(stage: string, dir: string): void {
  rmSync(join(dir, 'path.txt'), { force: true });
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  renameSync(join(stage, 'dist'), join(dir, 'dist'));
  if (existsSync(join(stage, 'electron.d.ts'))) renameSync(join(stage, 'electron.d.ts'), join(dir, 'electron.d.ts'));
  renameSync(join(stage, 'path.txt'), join(dir, 'path.txt'));
}

function runInstaller(stage: string, env: NodeJS.ProcessEnv, tick: () => void): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', PROBE, resolve(stage, 'install.js')], { cwd: stage, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(tick, 250);
    // Ctrl-C: stop the download, let the caller's finally remove the stage, nothing half-installed.
    const onSignal = (): void => void child.kill('SIGTERM');
    process.once('SIGINT', onSignal);
    child.on('close', (code) => {
      clearInterval(timer);
      process.removeListener('SIGINT', onSignal);
      done({ code: code ?? 1, stderr });
    });
  });
}
