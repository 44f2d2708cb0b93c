import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureNativeBuild } from '../../../scripts/desktop/native-build';
import { electronAbi, electronVersion, nodeBuildOfSqlite } from '../../support/desktop-fixtures';
import { startMirror, type Mirror } from '../../support/electron-mirror';
import { makeTempDir } from '../../support/temp-dir';

// The Electron build of better-sqlite3, with what can be had here: a loopback mirror plays both the
// prebuilt host (prebuild-install) and Electron's headers server (node-gyp's --dist-url).
const sqliteVersion = (JSON.parse(readFileSync('node_modules/better-sqlite3/package.json', 'utf8')) as { version: string }).version;
const target = { electronVersion, abi: electronAbi, platform: process.platform, arch: process.arch };
const headersPath = `/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
let tarAvailable = true;
try {
  execFileSync('tar', ['--version'], { stdio: 'ignore' });
} catch {
  tarAvailable = false;
}

describe.skipIf(!tarAvailable)('Electron build of better-sqlite3 (tar is needed to make the stand-in prebuilt)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let mirror: Mirror | undefined;
  afterEach(async () => {
    await mirror?.close();
    mirror = undefined;
    tmp?.cleanup();
  });

  /** A prebuilt tarball as prebuild-install expects it, holding the REAL Node build (ABI 115), mislabelled as Electron's. */
  function mislabelledPrebuilt(): Buffer {
    const dir = join(tmp.dir, 'prebuilt');
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    copyFileSync(nodeBuildOfSqlite, join(dir, 'build', 'Release', 'better_sqlite3.node'));
    execFileSync('tar', ['-czf', join(tmp.dir, 'prebuilt.tgz'), '-C', dir, 'build']);
    return readFileSync(join(tmp.dir, 'prebuilt.tgz'));
  }

  it('verifies a prebuilt, rebuilds once from source with Electron headers despite npm_config_nodedir, and says the headers could not be had', async () => {
    tmp = makeTempDir('tapedeck-native-');
    const name = `better-sqlite3-v${sqliteVersion}-electron-v${electronAbi}-${process.platform}-${process.arch}.tar.gz`;
    mirror = await startMirror(new Map([[`/v${sqliteVersion}/${name}`, mislabelledPrebuilt()]]));
    const lines: string[] = [];
    const outDir = join(tmp.dir, 'out');
    const result = await ensureNativeBuild({
      target,
      outDir,
      devdir: join(tmp.dir, 'gyp'),
      report: { line: (l) => lines.push(l), progress: () => undefined },
      env: {
        ...process.env,
        npm_config_nodedir: '/usr', // what npm exports here: it must not reach node-gyp
        NPM_CONFIG_TARGET: '20.0.0',
        npm_config_cache: join(tmp.dir, 'npm-cache'),
        npm_config_better_sqlite3_binary_host: mirror.url.replace(/\/$/, ''),
        ELECTRON_HEADERS_MIRROR: mirror.url,
        TAPEDECK_ELECTRON_NATIVE: '',
      },
    });
    const log = lines.join('\n');
    expect(mirror.requests).toContain(`/v${sqliteVersion}/${name}`);
    expect(log).toContain(`prebuilt (prebuild-install) binary is wrong`);
    expect(log).toContain(`module ABI ${process.versions.modules}, but ${electronAbi} is needed`);
    expect(log).toContain('Rebuilding once from source');
    // node-gyp went to Electron's headers (the mirror), not to /usr: the nodedir leak is closed.
    expect(mirror.requests).toContain(headersPath);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`Electron's headers could not be downloaded from ${mirror.url.replace(/\/$/, '')}${headersPath} (404 response downloading`);
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
  }, 120_000);

  it('TAPEDECK_ELECTRON_NATIVE is ABI-checked too: the Node build is refused', async () => {
    tmp = makeTempDir('tapedeck-native-');
    const outDir = join(tmp.dir, 'out');
    const result = await ensureNativeBuild({ target, outDir, report: { line: () => undefined, progress: () => undefined }, env: { TAPEDECK_ELECTRON_NATIVE: nodeBuildOfSqlite } });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toContain(`is not an Electron ${electronVersion} build`);
    expect(existsSync(outDir)).toBe(false);
  });
});
