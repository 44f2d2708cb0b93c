/**
 * The Electron copy of better-sqlite3: a prebuilt from prebuild-install when one is published, else
 * compiled with node-gyp against Electron's headers, and in either case VERIFIED (checkNativeAbi) against
 * Electron's ABI before it is used. node_modules keeps its Node build for `npm test` and `npm run serve`.
 *
 * npm exports its config to children as npm_config_* (npm_config_nodedir=/usr where Node is distro-packaged),
 * and node-gyp reads those as options: given nodedir it builds against Node's headers whatever --target
 * says. So the child environment is stripped of them and the Electron settings are passed explicitly.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkNativeAbi } from '../../src-main/electron/native-abi';
import type { Reporter as BaseReporter } from './electron-binary';

type Reporter = BaseReporter & { verbose?: boolean };

const require = createRequire(import.meta.url);
export const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';
const BINARY = 'better_sqlite3.node';

export interface NativeTarget {
  electronVersion: string;
  abi: number;
  platform: string;
  arch: string;
}

/** npm/node-gyp settings that would redirect the build to other headers, another target or another cache. */
const GYP_OVERRIDES = ['nodedir', 'target', 'target_arch', 'arch', 'runtime', 'disturl', 'dist_url', 'devdir', 'tarball', 'build_from_source', 'platform'];

export function gypEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const k = key.toLowerCase();
    if (k.startsWith('npm_package_config_node_gyp_')) continue;
    if (k.startsWith('npm_config_') && GYP_OVERRIDES.includes(k.slice('npm_config_'.length).replace(/-/g, '_'))) continue;
    out[key] = value;
  }
  return out;
}

/**
 * Where Electron's headers come from. npm_config_disturl is deliberately NOT honoured: npm's disturl points
 * at Node's headers (nodejs.org/dist), which is exactly the mix-up this module exists to prevent.
 */
export function headersUrl(env: NodeJS.ProcessEnv): string {
  return (env.ELECTRON_HEADERS_MIRROR ?? env.npm_config_electron_headers_mirror ?? DEFAULT_HEADERS_URL).replace(/\/+$/, '');
}

export function gypArgs(target: NativeTarget, distUrl: string, devdir: string): string[] {
  return ['rebuild', '--release', `--target=${target.electronVersion}`, `--arch=${target.arch}`, `--dist-url=${distUrl}`, `--devdir=${devdir}`];
}

export function stampFor(target: NativeTarget, sqliteVersion: string): string {
  return JSON.stringify({ ...target, sqliteVersion });
}

/** What a failed node-gyp run says, in one plain sentence. */
export function explainGypFailure(output: string, distUrl: string, target: NativeTarget): string {
  const tarball = `${distUrl}/v${target.electronVersion}/node-v${target.electronVersion}-headers.tar.gz`;
  const net = /\d{3} (?:status code|response) downloading|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|getaddrinfo|fetch failed|request to .* failed|related to network connectivity/i.exec(output);
  if (net) return `Electron's headers could not be downloaded from ${tarball} (${net[0]}). Check the network or proxy, or point ELECTRON_HEADERS_MIRROR at a mirror of ${DEFAULT_HEADERS_URL}.`;
  if (/gyp ERR! find Python|Could not find any Python/i.test(output)) return 'node-gyp needs Python 3 to compile better-sqlite3; install it and retry.';
  if (/not found: make|gyp ERR! .*(make|g\+\+|cc)\b.*ENOENT|could not find any Visual Studio|xcode-select/i.test(output)) {
    return 'a C/C++ toolchain is needed to compile better-sqlite3 (Linux: build-essential; macOS: Xcode command line tools; Windows: Visual Studio Build Tools with C++).';
  }
  // The compiler's first error, else node-gyp's own "Error:" line.
  const first = output.split('\n').find((l) => /\berror:|gyp ERR! stack Error:/i.test(l));
  return `node-gyp failed: ${first?.replace(/^gyp ERR! stack /, '').trim() ?? 'see the output above'}`;
}

export interface NativeBuildOptions {
  target: NativeTarget;
  /** Where the verified binary goes (build/native/electron/<platform>-<arch>). */
  outDir: string;
  env: NodeJS.ProcessEnv;
  report: Reporter;
  force?: boolean;
  /** node-gyp's header cache; Electron's headers kept apart from Node's of the same version number. */
  devdir?: string;
  sqliteDir?: string;
}

export type NativeResult = { ok: true; file: string; built: boolean } | { ok: false; message: string };
type Attempt = { kind: 'binary'; file: string; how: string } | { kind: 'unavailable'; why: string } | { kind: 'failed'; message: string };

function findNodeGyp(): string | undefined {
  const bin = dirname(process.execPath);
  const candidates = [join(bin, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), join(bin, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  try {
    candidates.unshift(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed next to the project: npm's own copy
  }
  return candidates.find((p) => existsSync(p));
}

/** Runs a Node script, collecting its output (shown, last lines only, when it fails). */
function run(args: string[], cwd: string, env: NodeJS.ProcessEnv, report: Reporter): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      if (code !== 0 && output && report.verbose) report.line(output.split('\n').slice(-15).join('\n'));
      done({ code: code ?? 1, output });
    });
  });
}

async function tryPrebuilt(work: string, sqliteDir: string, opts: NativeBuildOptions): Promise<Attempt> {
  const { target, env, report } = opts;
  let bin: string;
  try {
    bin = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] });
  } catch {
    return { kind: 'unavailable', why: 'prebuild-install is not installed' };
  }
  const args = [bin, '--runtime', 'electron', '--target', target.electronVersion, '--arch', target.arch, '--platform', target.platform];
  const r = await run(args, work, gypEnv(env), report);
  const file = join(work, 'build', 'Release', BINARY);
  if (r.code !== 0 || !existsSync(file)) return { kind: 'unavailable', why: 'no prebuilt binary for this Electron' };
  return { kind: 'binary', file, how: 'prebuilt (prebuild-install)' };
}

async function compile(work: string, opts: NativeBuildOptions, devdir: string, fresh: boolean): Promise<Attempt> {
  const gyp = findNodeGyp();
  if (!gyp) return { kind: 'failed', message: 'node-gyp was not found (it ships with npm); reinstall npm, or `npm install -g node-gyp`.' };
  const distUrl = headersUrl(opts.env);
  // A fresh attempt drops cached headers: a mismatch after compiling means the cache holds the wrong ones.
  if (fresh) rmSync(join(devdir, opts.target.electronVersion), { recursive: true, force: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  opts.report.line(`Compiling better-sqlite3 against Electron ${opts.target.electronVersion}'s headers from ${distUrl} (about a minute)…`);
  const r = await run([gyp, ...gypArgs(opts.target, distUrl, devdir)], work, gypEnv(opts.env), { ...opts.report, verbose: true });
  const file = join(work, 'build', 'Release', BINARY);
  if (r.code !== 0 || !existsSync(file)) return { kind: 'failed', message: explainGypFailure(r.output, distUrl, opts.target) };
  return { kind: 'binary', file, how: 'compiled with node-gyp' };
}

function install(file: string, outDir: string, stamp: string): string {
  mkdirSync(outDir, { recursive: true });
  const dest = join(outDir, BINARY);
  copyFileSync(file, `${dest}.tmp`);
  renameSync(`${dest}.tmp`, dest);
  writeFileSync(join(outDir, 'stamp.json'), stamp);
  return dest;
}

/** Up to date and verified: nothing to do. Else prebuilt, compile, and one rebuild after a mismatch, then refuse. */
export async function ensureNativeBuild(opts: NativeBuildOptions): Promise<NativeResult> {
  const { target, outDir, report } = opts;
  const sqliteDir = opts.sqliteDir ?? dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = (JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')) as { version: string }).version;
  const stamp = stampFor(target, sqliteVersion);
  const dest = join(outDir, BINARY);
  const stampFile = join(outDir, 'stamp.json');
  if (!opts.force && existsSync(dest) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    const check = checkNativeAbi(dest, target.abi, target.arch);
    if (check.ok) return { ok: true, file: dest, built: false };
    report.line(`The Electron build of better-sqlite3 failed its check (${check.reason}); rebuilding.`);
  }
  // Whatever is there is stale or unverified: nothing is left in place unless the steps below verify it.
  rmSync(dest, { force: true });
  rmSync(stampFile, { force: true });
  const provided = opts.env.TAPEDECK_ELECTRON_NATIVE;
  if (provided) {
    const check = checkNativeAbi(provided, target.abi, target.arch);
    if (!check.ok) return { ok: false, message: `TAPEDECK_ELECTRON_NATIVE=${provided} is not an Electron ${target.electronVersion} build: ${check.reason}.` };
    return { ok: true, file: install(provided, outDir, stamp), built: false };
  }
  report.line(`Building better-sqlite3 ${sqliteVersion} for Electron ${target.electronVersion} (${target.platform}-${target.arch}, module ABI ${target.abi}), once…`);
  const work = mkdtempSync(join(tmpdir(), 'tapedeck-native-'));
  const devdir = opts.devdir ?? join(homedir(), '.electron-gyp');
  try {
    const pkgDir = join(work, 'better-sqlite3');
    // A private copy, so node_modules keeps the Node build that tests and `serve` load.
    cpSync(sqliteDir, pkgDir, { recursive: true, filter: (p) => !p.startsWith(join(sqliteDir, 'build')) });
    const steps = [() => tryPrebuilt(pkgDir, sqliteDir, opts), () => compile(pkgDir, opts, devdir, false), () => compile(pkgDir, opts, devdir, true)];
    let mismatches = 0;
    for (const step of steps) {
      const attempt = await step();
      if (attempt.kind === 'unavailable') {
        report.line(`  ${attempt.why}; compiling instead.`);
        continue;
      }
      if (attempt.kind === 'failed') return { ok: false, message: `Could not build better-sqlite3 for Electron: ${attempt.message}` };
      const check = checkNativeAbi(attempt.file, target.abi, target.arch);
      if (check.ok) {
        report.line(`  ${attempt.how}; verified: exports node_register_module_v${check.abi} (Electron ${target.electronVersion}).`);
        return { ok: true, file: install(attempt.file, outDir, stamp), built: true };
      }
      mismatches++;
      report.line(`  The ${attempt.how} binary is wrong: ${check.reason}.${mismatches < 2 ? ' Rebuilding once from source.' : ''}`);
      if (mismatches >= 2) break;
    }
    return {
      ok: false,
      message:
        `Refusing to start: better-sqlite3 built for Electron ${target.electronVersion} does not export node_register_module_v${target.abi} even after a rebuild, ` +
        `so Electron could not load it. Check that no npm/node-gyp setting forces other headers (npm config get nodedir; ELECTRON_HEADERS_MIRROR=${headersUrl(opts.env)}).`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
