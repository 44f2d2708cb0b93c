import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkNativeAbi } from './native-abi';

/** Where the Electron build of better-sqlite3 lives in a checkout, per platform and arch (scripts/desktop/native-build.ts). */
export function devNativeDir(appRoot: string, platform: string = process.platform, arch: string = process.arch): string {
  return join(appRoot, 'build', 'native', 'electron', `${platform}-${arch}`);
}

/** Candidate locations, packaged first: the installer unpacks it from the asar (electron-builder's asarUnpack). */
export function nativeBindingCandidates(appRoot: string, resourcesPath?: string): string[] {
  const packagedRoot = basename(appRoot) === 'app.asar' ? join(dirname(appRoot), 'app.asar.unpacked') : appRoot;
  return [
    join(packagedRoot, 'native', 'better_sqlite3.node'),
    resourcesPath && join(resourcesPath, 'native', 'better_sqlite3.node'),
    join(devNativeDir(appRoot), 'better_sqlite3.node'),
  ].filter((p): p is string => Boolean(p));
}

export interface NativeBindingOptions {
  /** The running module ABI (process.versions.modules). */
  abi?: number;
  /** The running CPU (process.arch). */
  arch?: string;
  /** Only Electron loads the Electron build; under plain Node (tests, the e2e shim) node_modules' own build is right. */
  isElectron?: boolean;
  warn?: (message: string) => void;
}

/**
 * better-sqlite3 built for Electron's ABI lives apart from Node's build, so `npm test` under Node and
 * `npm start` under Electron both work unchanged. A candidate is used only when its module ABI matches
 * the running one: a stale or wrong build is named in a warning rather than crashing the window later.
 */
export function electronNativeBinding(appRoot: string, resourcesPath?: string, options: NativeBindingOptions = {}): string | undefined {
  const isElectron = options.isElectron ?? Boolean(process.versions.electron);
  if (!isElectron) return undefined;
  const abi = options.abi ?? Number(process.versions.modules);
  for (const file of nativeBindingCandidates(appRoot, resourcesPath)) {
    if (!existsSync(file)) continue;
    const check = checkNativeAbi(file, abi, options.arch ?? process.arch);
    if (check.ok) return file;
    options.warn?.(`Ignoring ${file}: ${check.reason}. Run \`npm run rebuild:electron\`.`);
  }
  return undefined;
}
