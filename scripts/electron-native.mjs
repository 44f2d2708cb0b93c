#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/native/electron/, leaving node_modules' build for Node
// (tests) untouched. Runs before `npm start`; needs Electron's headers, so it runs on a user's machine,
// never in `npm ci` or `npm test`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, 'build', 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'stamp.json');
const want = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

/** npm ships node-gyp; use it, or fetch it through npx as a last resort. */
function findNodeGyp() {
  const bin = dirname(process.execPath);
  const candidates = [
    join(bin, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    join(bin, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    candidates.unshift(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a direct dependency
  }
  const found = candidates.find((p) => existsSync(p));
  return found ? [process.execPath, found] : [process.platform === 'win32' ? 'npx.cmd' : 'npx', '--yes', 'node-gyp'];
}

function tryPrebuilt(pkgDir) {
  let bin;
  try {
    bin = require.resolve('prebuild-install/bin.js', { paths: [sqliteDir] });
  } catch {
    return false;
  }
  try {
    execFileSync(process.execPath, [bin, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], { cwd: pkgDir, stdio: 'inherit' });
    return existsSync(join(pkgDir, 'build', 'Release', 'better_sqlite3.node'));
  } catch {
    console.log('No prebuilt binary for this Electron; compiling instead.');
    return false;
  }
}

if (!process.argv.includes('--force') && existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
  process.exit(0);
}

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (one time, about a minute)…`);
const work = mkdtempSync(join(tmpdir(), 'tapedeck-native-'));
try {
  // Build a private copy so node_modules keeps the Node build that `npm test` uses.
  cpSync(sqliteDir, join(work, 'better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
  const pkgDir = join(work, 'better-sqlite3');
  // A prebuilt binary for Electron's ABI when one is published (no compiler needed), else compile.
  if (!tryPrebuilt(pkgDir)) {
    const gyp = findNodeGyp();
    execFileSync(gyp[0], [...gyp.slice(1), 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], {
      cwd: pkgDir,
      stdio: 'inherit',
    });
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stamp, want);
  console.log(`Electron build of better-sqlite3 ready: ${target}`);
} catch (e) {
  console.error(`Could not build better-sqlite3 for Electron: ${e.message}\nTapedeck's headless mode (npm run serve) still works.`);
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
