/**
 * `npm run dist` (installers for this OS) and `npm run dist:dir` (an unpacked app, no installer):
 * electron-vite build, then electron-builder with scripts/desktop/builder-config.ts. The Electron build of
 * better-sqlite3 is made and ABI-verified per arch before each pack; a platform's installers are built on
 * that platform (the native module is compiled for it).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type CliOptions } from 'electron-builder';
import { parseArgs } from '../src-main/cli-args';
import { builderConfig } from './desktop/builder-config';
import { readElectronPackage } from './desktop/electron-binary';
import { ensureNativeBuild } from './desktop/native-build';
import { consoleReporter } from './desktop/reporter';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const HELP = `npm run dist [-- options]   installers for this OS into dist/ (npm run dist:dir: unpacked app only)
  --linux | --mac | --win   platform (default: this one; installers are built on their own OS)
  --x64 | --arm64           one arch (default: the config's: Linux/Windows x64, macOS x64 and arm64)
  --dir                     unpacked app directory, no installer
  --output DIR              output directory (default: dist)
  --project DIR             the checkout to package (default: this one); its build/native/electron/<platform>-<arch> holds the native module
  --no-build                package the existing out/ (skip electron-vite build)
Environment: ELECTRON_MIRROR & co. (the Electron zip), ELECTRON_HEADERS_MIRROR, TAPEDECK_ELECTRON_NATIVE (ABI-checked).`;

const DESCRIBE = {
  name: 'dist',
  inputs: { flags: ['--linux', '--mac', '--win', '--x64', '--arm64', '--dir', '--output DIR', '--project DIR', '--no-build'], files: ['out/**', 'build/icons', 'build/icon.icns', 'build/icon.ico'] },
  outputs: { files: ['dist/Tapedeck-<version>-<os>-<arch>.{AppImage,deb,dmg,exe}', 'dist/<os>-unpacked/ (--dir)'], exit: { 0: 'built', 1: 'failed, with the reason' } },
};

const HOST: Record<string, 'linux' | 'mac' | 'win'> = { linux: 'linux', darwin: 'mac', win32: 'win' };

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.has('help')) return console.log(HELP), 0;
  if (args.has('describe')) return console.log(JSON.stringify(DESCRIBE, null, 2)), 0;
  const report = consoleReporter();
  const project = resolve(typeof args.get('project') === 'string' ? (args.get('project') as string) : root);
  // Inside the project: asarUnpack patterns match paths relative to it.
  const nativeRoot = join(project, 'build', 'native', 'electron');
  const outputDir = resolve(typeof args.get('output') === 'string' ? (args.get('output') as string) : join(project, 'dist'));
  const pkg = readElectronPackage(dirname(require.resolve('electron/package.json')));

  if (!args.has('no-build')) {
    const vite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
    if (spawnSync(process.execPath, [vite, 'build'], { cwd: project, stdio: 'inherit' }).status !== 0) return 1;
  }

  const prepareNative = async (platform: string, arch: string): Promise<void> => {
    if (platform !== process.platform) {
      throw new Error(`better-sqlite3 is compiled per OS: build the ${platform} installers on ${platform} (this is ${process.platform}).`);
    }
    const target = { electronVersion: pkg.version, abi: pkg.abi, platform, arch };
    const r = await ensureNativeBuild({ target, outDir: join(nativeRoot, `${platform}-${arch}`), env: process.env, report });
    if (!r.ok) throw new Error(r.message);
    report.line(`Packing the verified Electron build of better-sqlite3 for ${platform}-${arch}: ${r.file}`);
  };

  const platform = (['linux', 'mac', 'win'] as const).find((p) => args.has(p)) ?? HOST[process.platform];
  const targets = args.has('dir') ? ['dir'] : [];
  const cli: CliOptions = { projectDir: project, publish: 'never', [platform]: targets, config: builderConfig({ nativeRoot, outputDir, prepareNative }) };
  if (args.has('x64')) cli.x64 = true;
  if (args.has('arm64')) cli.arm64 = true;
  if (args.has('dir') && !cli.x64 && !cli.arm64) cli[process.arch === 'arm64' ? 'arm64' : 'x64'] = true;
  try {
    const files = await build(cli);
    report.line(`Built:\n${files.map((f) => `  ${f}`).join('\n') || `  ${outputDir}`}`);
    return 0;
  } catch (e) {
    console.error(`\nnpm run dist failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
