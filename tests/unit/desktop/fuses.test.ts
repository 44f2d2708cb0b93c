import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import type { AfterPackContext } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import { fusePackedApp } from '../../../scripts/desktop/builder-config';
import { applyTapedeckFuses, fuseMismatches, packedElectronBinary } from '../../../scripts/desktop/fuses';
import { makeTempDir } from '../../support/temp-dir';

const { ENABLE, DISABLE, REMOVED } = FuseState;
// A stock Electron's wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR
// integrity off, only-ASAR off, V8 snapshot off, file:// privileges on, and a 9th fuse this library predates.
const STOCK = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE];
const HEAD = Buffer.from('\x7fELF fake electron binary; code before the wire\0\x01\x02');
const TAIL = Buffer.from('\0code after the wire, untouched\xff');

/** Bytes laid out as @electron/fuses reads them: SENTINEL, version 1, wire length, one byte per fuse. */
function fakeElectron(wire: number[], copies = 1): Buffer {
  const one = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, wire.length, ...wire])]);
  return Buffer.concat([HEAD, ...Array.from({ length: copies }, (_, i) => Buffer.concat([one, Buffer.from(`slice ${i}`)])), TAIL]);
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tempDir(): string {
  const t = makeTempDir('tapedeck-fuses-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function linuxContext(appOutDir: string): AfterPackContext {
  return {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1, // Arch.x64
    packager: { executableName: 'tapedeck', appInfo: { productFilename: 'Tapedeck' } },
  } as unknown as AfterPackContext;
}

describe('Electron fuses (afterPack)', () => {
  it('flips the six fuses in the packed binary and leaves every other byte alone', async () => {
    const dir = tempDir();
    const binary = join(dir, 'tapedeck');
    const before = fakeElectron(STOCK);
    writeFileSync(binary, before);
    await fusePackedApp(linuxContext(dir));

    const wire = await getCurrentFuseWire(binary);
    expect(wire.version).toBe('1');
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    // Not ours to change: inherited as shipped.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ENABLE);
    expect((wire as Record<number, unknown>)[8]).toBe(ENABLE);
    expect(fuseMismatches(wire)).toEqual([]);

    const after = readFileSync(binary);
    const wireStart = HEAD.length + SENTINEL.length + 2;
    expect(after.length).toBe(before.length);
    const changed = [...after].flatMap((b, i) => (b === before[i] ? [] : [i - wireStart]));
    expect(changed).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('flips both slices of a universal macOS binary inside the .app', async () => {
    const dir = tempDir();
    const app = packedElectronBinary({ appOutDir: dir, platform: 'darwin', productFilename: 'Tapedeck' });
    expect(app).toBe(join(dir, 'Tapedeck.app'));
    const framework = join(app, 'Contents', 'Frameworks', 'Electron Framework.framework');
    mkdirSync(framework, { recursive: true });
    writeFileSync(join(framework, 'Electron Framework'), fakeElectron(STOCK, 2));
    await applyTapedeckFuses(app, { platform: 'darwin', arch: 'x64' });
    const bytes = readFileSync(join(framework, 'Electron Framework'));
    const second = bytes.lastIndexOf(SENTINEL) + SENTINEL.length + 2;
    expect(bytes.indexOf(SENTINEL)).toBeLessThan(bytes.lastIndexOf(SENTINEL));
    expect([...bytes.subarray(second, second + 6)]).toEqual([DISABLE, ENABLE, DISABLE, DISABLE, ENABLE, ENABLE]);
    expect(fuseMismatches(await getCurrentFuseWire(app))).toEqual([]);
  });

  it('fails the build, never ships unfused, when the binary has no wire or a short one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tapedeck'), Buffer.concat([HEAD, TAIL]));
    await expect(fusePackedApp(linuxContext(dir))).rejects.toThrow(/sentinel/);
    writeFileSync(join(dir, 'tapedeck'), fakeElectron(STOCK.slice(0, 4)));
    await expect(fusePackedApp(linuxContext(dir))).rejects.toThrow(/not long enough/);
  });

  it('names the fuses that are not as Tapedeck wants them', () => {
    const stock = Object.fromEntries(STOCK.map((s, i) => [i, s]));
    expect(fuseMismatches(stock)).toEqual([
      'RunAsNode is ENABLE',
      'EnableCookieEncryption is DISABLE',
      'EnableNodeOptionsEnvironmentVariable is ENABLE',
      'EnableNodeCliInspectArguments is ENABLE',
      'EnableEmbeddedAsarIntegrityValidation is DISABLE',
      'OnlyLoadAppFromAsar is DISABLE',
    ]);
    expect(fuseMismatches({ ...stock, 0: REMOVED, 5: undefined })).toContain('OnlyLoadAppFromAsar is missing');
  });

  it('finds the executable where electron-builder packs it', () => {
    expect(packedElectronBinary({ appOutDir: '/o', platform: 'linux', productFilename: 'Tapedeck', linuxExecutableName: 'tapedeck' })).toBe(join('/o', 'tapedeck'));
    expect(packedElectronBinary({ appOutDir: '/o', platform: 'win32', productFilename: 'Tapedeck' })).toBe(join('/o', 'Tapedeck.exe'));
  });
});
