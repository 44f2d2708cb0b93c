import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeDownloadFailure, failureReason } from '../../../scripts/desktop/download-failure';
import { installerEnv, installState, platformPath } from '../../../scripts/desktop/electron-binary';
import { icnsFromPngs, icoFromPngs, pngSize } from '../../../scripts/desktop/icon-files';
import { DEFAULT_HEADERS_URL, explainGypFailure, gypArgs, gypEnv, headersUrl } from '../../../scripts/desktop/native-build';
import { makeTempDir } from '../../support/temp-dir';

const target = { electronVersion: '45.4.1', abi: 150, platform: 'linux', arch: 'x64' };
const base = { version: '45.4.1', platform: 'linux', arch: 'x64', stderr: '', env: {} };

describe('node-gyp settings for the Electron build', () => {
  it('strips npm config that would redirect node-gyp to Node\'s headers, in any case, and keeps the rest', () => {
    const env = gypEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_TARGET: '20.0.0', npm_config_dist_url: 'x', npm_config_disturl: 'y', npm_package_config_node_gyp_nodedir: '/usr', npm_config_python: '/usr/bin/python3', PATH: '/bin' });
    expect(env).toEqual({ npm_config_python: '/usr/bin/python3', PATH: '/bin' });
  });

  it('passes target, arch, Electron\'s headers URL and a devdir of its own explicitly', () => {
    expect(gypArgs(target, 'https://h', '/d')).toEqual(['rebuild', '--release', '--target=45.4.1', '--arch=x64', '--dist-url=https://h', '--devdir=/d']);
  });

  it('takes the headers from ELECTRON_HEADERS_MIRROR, never from npm\'s (Node) disturl', () => {
    expect(headersUrl({ npm_config_disturl: 'https://nodejs.org/dist' })).toBe(DEFAULT_HEADERS_URL);
    expect(headersUrl({ ELECTRON_HEADERS_MIRROR: 'https://mirror/headers/' })).toBe('https://mirror/headers');
  });

  it('says plainly when Electron\'s headers cannot be downloaded, or a toolchain is missing', () => {
    expect(explainGypFailure('gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org', DEFAULT_HEADERS_URL, target)).toContain(
      `Electron's headers could not be downloaded from ${DEFAULT_HEADERS_URL}/v45.4.1/node-v45.4.1-headers.tar.gz`,
    );
    expect(explainGypFailure('gyp ERR! stack Error: This is most likely not a problem with node-gyp or the package itself and\ngyp ERR! stack is related to network connectivity.', DEFAULT_HEADERS_URL, target)).toContain("Electron's headers could not be downloaded");
    expect(explainGypFailure('../src/x.cpp:1:2: error: no member named y', DEFAULT_HEADERS_URL, target)).toBe('node-gyp failed: ../src/x.cpp:1:2: error: no member named y');
    expect(explainGypFailure('gyp ERR! find Python', DEFAULT_HEADERS_URL, target)).toContain('Python 3');
    expect(explainGypFailure('gyp ERR! stack Error: not found: make', DEFAULT_HEADERS_URL, target)).toContain('toolchain');
  });
});

describe('Electron download failure messages', () => {
  it('names the network error that @electron/get\'s "fetch failed" hides', () => {
    const events = [{ type: 'error' as const, url: 'https://github.com/x.zip', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND github.com' }];
    expect(failureReason({ ...base, events })).toContain('could not reach github.com: the host name did not resolve (ENOTFOUND)');
  });

  it('a 404 says the mirror lacks this version; a checksum error suggests remote checksums', () => {
    expect(failureReason({ ...base, events: [{ type: 'response', url: 'http://m/v45.4.1/e.zip', status: 404 }] })).toContain('HTTP 404: it has no Electron 45.4.1 for linux-x64');
    const msg = describeDownloadFailure({ ...base, events: [], stderr: 'Error: Generated checksum for "e.zip" did not match expected checksum.' });
    expect(msg).toContain('electron_use_remote_checksums=1');
  });

  it('tells what to do: network, proxy, mirror, and npm run serve meanwhile', () => {
    const msg = describeDownloadFailure({ ...base, events: [], env: { ELECTRON_MIRROR: 'http://m/', HTTPS_PROXY: 'http://p:3128' } });
    expect(msg).toContain('ELECTRON_MIRROR is http://m/');
    expect(msg).toContain('the proxy in use is http://p:3128');
    expect(msg).toContain('npm run serve');
    expect(msg.split('\n').length).toBeLessThan(10);
  });
});

describe('Electron install state and installer environment', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  afterEach(() => tmp?.cleanup());

  it('is installed only with dist/version, path.txt and the executable, as install.js checks', () => {
    tmp = makeTempDir('tapedeck-state-');
    const pkg = { dir: tmp.dir, version: '45.4.1', abi: 150 };
    expect(installState(pkg, {}, 'linux')).toMatchObject({ installed: false });
    mkdirSync(join(tmp.dir, 'dist'));
    writeFileSync(join(tmp.dir, 'dist', 'version'), 'v45.4.1');
    writeFileSync(join(tmp.dir, 'path.txt'), platformPath('linux'));
    expect(installState(pkg, {}, 'linux')).toEqual({ installed: false, reason: 'dist/electron is missing' });
    writeFileSync(join(tmp.dir, 'dist', 'electron'), '');
    expect(installState(pkg, {}, 'linux')).toEqual({ installed: true, executable: join(tmp.dir, 'dist', 'electron') });
    expect(installState(pkg, {}, 'darwin')).toMatchObject({ installed: false });
  });

  it('turns on @electron/get\'s proxy support when a proxy is configured (npm\'s too)', () => {
    expect(installerEnv({ npm_config_https_proxy: 'http://p:1' }, '/t', '/l')).toMatchObject({ HTTPS_PROXY: 'http://p:1', ELECTRON_GET_USE_PROXY: '1', TMPDIR: '/t' });
    expect(installerEnv({}, '/t', '/l').ELECTRON_GET_USE_PROXY).toBeUndefined();
  });
});

describe('icon containers', () => {
  // A 1×1 PNG header is enough for the containers, which copy PNG bytes verbatim.
  const png = (size: number) => {
    const b = Buffer.alloc(33);
    b.writeUInt32BE(size, 16);
    b.writeUInt32BE(size, 20);
    return b;
  };

  it('ICO lists each PNG with its size (256 written as 0) and offset', () => {
    const ico = icoFromPngs([{ size: 16, png: png(16) }, { size: 256, png: png(256) }]);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(2);
    expect([ico[6], ico[22]]).toEqual([16, 0]);
    expect(pngSize(ico.subarray(ico.readUInt32LE(6 + 16 + 12)))).toEqual({ width: 256, height: 256 });
  });

  it('ICNS carries PNG chunks under their type codes with the total length', () => {
    const icns = icnsFromPngs([{ size: 512, png: png(512) }, { size: 1024, png: png(1024) }]);
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('latin1', 8, 12)).toBe('ic09');
    expect(icns.toString('latin1', 8 + 41, 8 + 45)).toBe('ic10');
  });
});
