/** Isolated copies of what the desktop preflight touches, so tests never mutate the real node_modules. */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const realNodeModules = resolve('node_modules');
export const electronVersion = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
export const electronAbi = Number(readFileSync('node_modules/electron/abi_version', 'utf8'));
export const nodeBuildOfSqlite = resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');

/** A copy of the electron npm package (no dist/, no path.txt) under `<dir>/node_modules/electron`. */
export function isolatedElectron(dir: string): string {
  const dest = join(dir, 'node_modules', 'electron');
  cpSync(join(realNodeModules, 'electron'), dest, {
    recursive: true,
    filter: (p) => !/[\\/]electron[\\/](dist|path\.txt|node_modules|\.tapedeck-install-)/.test(p.slice(realNodeModules.length)),
  });
  return dest;
}

/**
 * A STAND-IN for an Electron build of better-sqlite3, which cannot be made here (no Electron headers):
 * the real Node build with its `node_register_module_v<node ABI>` export renamed to Electron's ABI
 * (same length, so the ELF stays intact). It passes the ABI check and nothing more; tests that use it
 * say so, and it is never loaded.
 */
export function standInElectronSqlite(file: string): string {
  const bytes = readFileSync(nodeBuildOfSqlite);
  const from = Buffer.from(`node_register_module_v${process.versions.modules}`);
  const to = Buffer.from(`node_register_module_v${electronAbi}`);
  if (from.length !== to.length) throw new Error('ABI numbers of different lengths: cannot make the stand-in');
  for (let at = bytes.indexOf(from); at !== -1; at = bytes.indexOf(from, at + 1)) to.copy(bytes, at);
  writeFileSync(file, bytes);
  return file;
}

export function stagesLeft(electronDir: string): boolean {
  return existsSync(electronDir) && readdirSync(electronDir).some((n) => n.startsWith('.tapedeck-install-'));
}
