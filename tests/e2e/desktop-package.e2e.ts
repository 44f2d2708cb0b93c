import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNativeAbi } from '../../src-main/electron/native-abi';
import { nativeBindingCandidates } from '../../src-main/electron/native-binding';
import { RENDERER_ONLY_DEPS } from '../../scripts/desktop/builder-config';
import { electronAbi, electronVersion, nodeBuildOfSqlite, standInElectronSqlite } from '../support/desktop-fixtures';
import { shasums, standInElectronZip, startMirror, type Mirror } from '../support/electron-mirror';
import { makeTempDir } from '../support/temp-dir';

// `npm run dist:dir` for real: electron-builder 26 packs the production build (out/, from `npm run build`)
// with a stand-in Electron zip served by a loopback ELECTRON_MIRROR, then the package's contents are checked.
// Electron's headers cannot be had here, so the native module is a STAND-IN Electron build of better-sqlite3
// (desktop-fixtures.ts) handed over through TAPEDECK_ELECTRON_NATIVE, which is ABI-checked like any build: the
// first case shows the real Node build being refused that way.
//
// The project is packed from a temporary copy whose node_modules is a hard-linked copy of the install:
// `npm list`, which electron-builder uses to collect production dependencies, reports every transitive
// dependency missing when node_modules is a symlink (as in these worktrees). Nothing writes into it.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const zipName = `electron-v${electronVersion}-linux-${process.arch}.zip`;

function dist(project: string, output: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/dist.ts'), '--dir', '--no-build', '--project', project, '--output', output], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? 1, out })));
}

/** The copy needs GNU cp and node_modules on the same filesystem as the temp dir; otherwise the suite is skipped. */
function canHardLink(): boolean {
  if (process.platform !== 'linux' || spawnSync('cp', ['--version']).status !== 0) return false;
  const probe = makeTempDir('tapedeck-link-');
  try {
    linkSync(realpathSync('package.json'), join(probe.dir, 'p'));
    linkSync(realpathSync('node_modules/electron/package.json'), join(probe.dir, 'e'));
    return true;
  } catch {
    return false;
  } finally {
    probe.cleanup();
  }
}

describe.skipIf(!canHardLink())('installer package (npm run dist:dir) against a loopback Electron mirror (skipped unless linux with GNU cp and node_modules hard-linkable into the temp dir)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let mirror: Mirror;
  let project: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    expect(existsSync('out/main/main.js'), 'run `npm run build` first').toBe(true);
    tmp = makeTempDir('tapedeck-dist-');
    project = join(tmp.dir, 'project');
    mkdirSync(join(project, 'build'), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'out', 'build/icons', 'build/icon.png', 'build/icon.icns', 'build/icon.ico']) cpSync(f, join(project, f), { recursive: true });
    const cp = spawnSync('cp', ['-al', realpathSync('node_modules'), join(project, 'node_modules')]);
    expect(cp.status, `hard-linking node_modules failed: ${cp.stderr}`).toBe(0);
    const zip = standInElectronZip(electronVersion);
    mirror = await startMirror(new Map([[`/v${electronVersion}/${zipName}`, zip], [`/v${electronVersion}/SHASUMS256.txt`, shasums({ [zipName]: zip })]]));
    env = { ELECTRON_MIRROR: mirror.url, ELECTRON_BUILDER_CACHE: join(tmp.dir, 'eb-cache'), electron_config_cache: join(tmp.dir, 'cache'), ELECTRON_SKIP_BINARY_DOWNLOAD: '' };
  });
  afterAll(async () => {
    await mirror?.close();
    tmp?.cleanup();
  });

  it('refuses to pack a native module that is not built for Electron\'s ABI', async () => {
    const run = await dist(project, join(tmp.dir, 'refused'), { ...env, TAPEDECK_ELECTRON_NATIVE: nodeBuildOfSqlite });
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(`is not an Electron ${electronVersion} build`);
    expect(run.out).toContain(`module ABI ${process.versions.modules}, but ${electronAbi} is needed`);
    expect(existsSync(join(tmp.dir, 'refused', 'linux-unpacked', 'resources', 'app.asar'))).toBe(false);
  }, 120_000);

  it('packs the bundles into app.asar, the native module unpacked, and nothing from sources, tests or devDependencies', async () => {
    const output = join(tmp.dir, 'dist');
    const run = await dist(project, output, { ...env, TAPEDECK_ELECTRON_NATIVE: standInElectronSqlite(join(tmp.dir, 'stand-in.node')) });
    expect(run.code, run.out).toBe(0);
    expect(mirror.requests).toContain(`/v${electronVersion}/${zipName}`);
    const appDir = join(output, 'linux-unpacked');
    expect(existsSync(join(appDir, 'tapedeck'))).toBe(true); // the stand-in `electron`, renamed for the product
    // Its fuses were flipped after pack (scripts/desktop/fuses.ts): RunAsNode, NODE_OPTIONS and --inspect off;
    // cookie encryption, ASAR integrity and only-from-ASAR on.
    const wire = await getCurrentFuseWire(join(appDir, 'tapedeck'));
    expect([wire[FuseV1Options.RunAsNode], wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable], wire[FuseV1Options.EnableNodeCliInspectArguments]]).toEqual([FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE]);
    expect([wire[FuseV1Options.EnableCookieEncryption], wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], wire[FuseV1Options.OnlyLoadAppFromAsar]]).toEqual([FuseState.ENABLE, FuseState.ENABLE, FuseState.ENABLE]);
    const resources = join(appDir, 'resources');
    const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/out/main/main.js', '/out/preload/index.cjs', '/out/renderer/index.html']));
    expect(files.some((f) => /^\/out\/renderer\/assets\/index-.*\.js$/.test(f))).toBe(true);

    // The native module: unpacked, where native-binding.ts looks first in a packaged app, and verified.
    const native = join(resources, 'app.asar.unpacked', 'native', 'better_sqlite3.node');
    expect(nativeBindingCandidates(join(resources, 'app.asar'), resources)[0]).toBe(native);
    expect(checkNativeAbi(native, electronAbi)).toEqual({ ok: true, abi: electronAbi });
    // The only other native code: DuckDB's addon (research queries), unpacked beside its libduckdb.
    const natives = files.filter((f) => f.endsWith('.node'));
    expect(natives.filter((f) => f !== '/native/better_sqlite3.node').every((f) => /^\/node_modules\/@duckdb\/node-bindings-linux-[a-z0-9]+\/duckdb\.node$/.test(f))).toBe(true);
    for (const f of natives) expect(existsSync(join(resources, 'app.asar.unpacked', f)), f).toBe(true);

    // Nothing from the sources, tests, fixtures or devDependencies; nothing Vite already bundled.
    expect(files.filter((f) => /^\/(tests|src-[a-z]+|scripts|fixtures|build|docs|resources)(\/|$)/.test(f))).toEqual([]);
    const modules = (name: string) => files.some((f) => f === `/node_modules/${name}` || f.startsWith(`/node_modules/${name}/`));
    const devOnly = Object.keys(pkg.devDependencies).filter((d) => !(d in pkg.dependencies) && !d.startsWith('@types/'));
    expect(devOnly.filter(modules)).toEqual([]);
    expect(RENDERER_ONLY_DEPS.filter(modules)).toEqual([]);
    expect(files.filter((f) => f.startsWith('/node_modules/better-sqlite3/') && /\/(build|deps|src)\//.test(f))).toEqual([]);

    // Every package the main bundle imports is in the package.
    const main = readFileSync(join(project, 'out', 'main', 'main.js'), 'utf8');
    const imports = [...main.matchAll(/from\s+["']([^"'.][^"']*)["']|require\(["']([^"'.][^"']*)["']\)/g)].map((m) => m[1] ?? m[2]);
    const external = [...new Set(imports.filter((i) => !i.startsWith('node:') && !builtinModules.includes(i) && i !== 'electron'))];
    expect(external.length).toBeGreaterThan(0);
    for (const name of external) expect(files, name).toContain(`/node_modules/${name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/')}/package.json`);
  }, 170_000);
});
