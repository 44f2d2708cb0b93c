/**
 * `npm start` (and `npm run preview`): the preflight a fresh clone needs before electron-vite.
 *  1. the Electron binary, through Electron's own installer (scripts/desktop/electron-binary.ts);
 *  2. better-sqlite3 for Electron's ABI, built and verified (scripts/desktop/native-build.ts);
 *  3. electron-vite dev (or preview) with ELECTRON_EXEC_PATH set to the verified binary.
 * Exits 1 with a short explanation when a step cannot be done; `npm run serve` needs none of this.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../src-main/cli-args';
import { devNativeDir } from '../src-main/electron/native-binding';
import { ensureElectronBinary, readElectronPackage, type Reporter } from './desktop/electron-binary';
import { ensureNativeBuild } from './desktop/native-build';
import { consoleReporter } from './desktop/reporter';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const HELP = `npm start [-- options]   Electron + Vite dev server, after making sure Electron and its native module are ready.
  --preview            electron-vite preview (the production build) instead of dev
  --dry-run            do the preflight, print the electron-vite command, do not launch it
  --electron-dir DIR   the electron npm package to install into (default: node_modules/electron)
  --native-dir DIR     where the verified Electron build of better-sqlite3 goes (default: build/native/electron/<platform>-<arch>)
  --rebuild            rebuild the native module even when the current one verifies
Environment: ELECTRON_MIRROR, electron_config_cache, electron_use_remote_checksums, HTTPS_PROXY, ELECTRON_SKIP_BINARY_DOWNLOAD,
  ELECTRON_OVERRIDE_DIST_PATH (Electron's own); ELECTRON_HEADERS_MIRROR (Electron headers for node-gyp);
  TAPEDECK_ELECTRON_NATIVE (use this Electron build of better-sqlite3; still ABI-checked).`;

const DESCRIBE = {
  name: 'start',
  inputs: {
    flags: { '--preview': 'boolean', '--dry-run': 'boolean', '--electron-dir': 'path', '--native-dir': 'path', '--rebuild': 'boolean' },
    env: ['ELECTRON_MIRROR', 'electron_config_cache', 'electron_use_remote_checksums', 'HTTPS_PROXY', 'ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_HEADERS_MIRROR', 'TAPEDECK_ELECTRON_NATIVE'],
  },
  outputs: {
    stdout: 'progress lines; with --dry-run a final line "electron-vite command: ELECTRON_EXEC_PATH=<path> <node> <electron-vite.js> dev|preview"',
    stderr: 'on failure: why and what to do',
    exit: { 0: 'electron-vite ran (its exit code) or --dry-run succeeded', 1: 'Electron binary or native module unavailable' },
  },
};

export interface LaunchCommand {
  command: string;
  args: string[];
  env: { ELECTRON_EXEC_PATH: string };
}

export function electronViteCommand(mode: 'dev' | 'preview', executable: string, viteBin: string): LaunchCommand {
  return { command: process.execPath, args: [viteBin, mode], env: { ELECTRON_EXEC_PATH: executable } };
}

export function formatCommand(c: LaunchCommand): string {
  return `ELECTRON_EXEC_PATH=${c.env.ELECTRON_EXEC_PATH} ${[c.command, ...c.args].join(' ')}`;
}

export interface PreflightOptions {
  mode: 'dev' | 'preview';
  electronDir: string;
  nativeDir?: string;
  rebuild?: boolean;
  env: NodeJS.ProcessEnv;
  report: Reporter;
}

export async function preflight(o: PreflightOptions): Promise<{ ok: true; launch: LaunchCommand } | { ok: false; message: string }> {
  const pkg = readElectronPackage(o.electronDir);
  const binary = await ensureElectronBinary({ pkg, env: o.env, report: o.report });
  if (!binary.ok) return binary;
  const target = { electronVersion: pkg.version, abi: pkg.abi, platform: process.platform, arch: process.arch };
  const native = await ensureNativeBuild({ target, outDir: o.nativeDir ?? devNativeDir(root), env: o.env, report: o.report, force: o.rebuild });
  if (!native.ok) return { ok: false, message: `${native.message}\nMeanwhile the headless app works: npm run serve -- --demo.` };
  return { ok: true, launch: electronViteCommand(o.mode, binary.executable, join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')) };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.has('help')) return console.log(HELP), 0;
  if (args.has('describe')) return console.log(JSON.stringify(DESCRIBE, null, 2)), 0;
  const str = (name: string): string | undefined => (typeof args.get(name) === 'string' ? resolve(args.get(name) as string) : undefined);
  const result = await preflight({
    mode: args.has('preview') ? 'preview' : 'dev',
    electronDir: str('electron-dir') ?? dirname(require.resolve('electron/package.json')),
    nativeDir: str('native-dir'),
    rebuild: args.has('rebuild'),
    env: process.env,
    report: consoleReporter(),
  });
  if (!result.ok) {
    console.error(`\n${result.message}`);
    return 1;
  }
  if (args.has('dry-run')) return console.log(`electron-vite command: ${formatCommand(result.launch)}`), 0;
  const { command, args: cmdArgs, env } = result.launch;
  const child = spawn(command, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  return new Promise((done) => child.on('exit', (code) => done(code ?? 1)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
