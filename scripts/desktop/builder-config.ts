/**
 * electron-builder configuration for Tapedeck's installers (Linux AppImage + deb, macOS dmg x64 + arm64,
 * Windows NSIS). electron-builder's own native rebuild is off: it would hit npm's nodedir setting and the
 * network; instead beforePack places the VERIFIED Electron build of better-sqlite3 (native-build.ts) for
 * the arch being packed, and the package carries it unpacked from the asar (native/better_sqlite3.node,
 * found by src-main/electron/native-binding.ts).
 */
import { join } from 'node:path';
import type { AfterPackContext, Configuration } from 'electron-builder';
import { applyTapedeckFuses, packedElectronBinary } from './fuses';

/** Bundled into out/renderer by Vite: never needed from node_modules at run time. */
export const RENDERER_ONLY_DEPS = ['react', 'react-dom', 'scheduler', 'ag-grid-community', 'ag-grid-react', 'lightweight-charts', 'zustand'];

export interface BuilderConfigOptions {
  /** <project>/build/native/electron: holds <platform>-<arch>/better_sqlite3.node (inside the project, see asarUnpack). */
  nativeRoot: string;
  outputDir: string;
  /** Builds (or finds) and verifies the Electron build for one platform/arch; throws with the reason. */
  prepareNative: (platform: string, arch: string) => Promise<void>;
}

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export function builderConfig(o: BuilderConfigOptions): Configuration {
  return {
    appId: 'app.tapedeck.desktop',
    productName: 'Tapedeck',
    copyright: 'Copyright © Tapedeck',
    directories: { output: o.outputDir, buildResources: 'build' },
    // An allow-list: the bundles, package.json and the native binary; node_modules' production
    // dependencies are added by electron-builder (never devDependencies), minus what Vite bundled
    // and minus better-sqlite3's sources and its Node build.
    files: [
      'out/**',
      '!out/**/*.map',
      'package.json',
      { from: join(o.nativeRoot, '${platform}-${arch}'), to: 'native', filter: ['better_sqlite3.node'] },
      '!node_modules/better-sqlite3/{build,deps,src,docs,benchmark}/**',
      '!node_modules/**/*.{md,map}',
      '!node_modules/@types/**',
      ...RENDERER_ONLY_DEPS.map((p) => `!node_modules/${p}/**`),
    ],
    asar: true,
    // Matched against source paths relative to the project, hence nativeRoot inside it.
    // DuckDB's addon loads libduckdb.so/.dylib/.dll from its own folder: the whole package stays unpacked.
    asarUnpack: ['build/native/electron/**', '**/*.node', '**/node_modules/@duckdb/node-bindings-*/**'],
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    // A production dependency missing from the package fails the build instead of the app.
    allowMissingDependencies: false,
    beforePack: async (ctx) => o.prepareNative(ctx.electronPlatformName, ARCH_NAMES[ctx.arch] ?? String(ctx.arch)),
    // Fuses (scripts/desktop/fuses.ts, docs/security.md): after the pack, before signing.
    afterPack: async (ctx) => fusePackedApp(ctx),
    artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
    linux: {
      target: ['AppImage', 'deb'],
      icon: 'build/icons',
      category: 'Finance',
      maintainer: 'Tapedeck <tapedeck@users.noreply.github.com>',
      synopsis: 'Desktop trading workstation for Interactive Brokers day traders',
    },
    deb: { depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'] },
    mac: {
      target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
      icon: 'build/icon.icns',
      category: 'public.app-category.finance',
    },
    dmg: { title: '${productName} ${version}' },
    win: { target: [{ target: 'nsis', arch: ['x64'] }], icon: 'build/icon.ico' },
    nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, createDesktopShortcut: true },
    publish: null,
  };
}

/** Flips and verifies the fuses of the Electron binary electron-builder just packed. */
export async function fusePackedApp(ctx: AfterPackContext): Promise<void> {
  const linuxExecutableName = (ctx.packager as { executableName?: unknown }).executableName;
  const binary = packedElectronBinary({
    appOutDir: ctx.appOutDir,
    platform: ctx.electronPlatformName,
    productFilename: ctx.packager.appInfo.productFilename,
    linuxExecutableName: typeof linuxExecutableName === 'string' ? linuxExecutableName : undefined,
  });
  await applyTapedeckFuses(binary, { platform: ctx.electronPlatformName, arch: ARCH_NAMES[ctx.arch] ?? String(ctx.arch) });
}
