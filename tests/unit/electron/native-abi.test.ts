import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binaryArch, checkNativeAbi, moduleVersionsIn } from '../../../src-main/electron/native-abi';
import { devNativeDir, electronNativeBinding, nativeBindingCandidates } from '../../../src-main/electron/native-binding';
import { makeTempDir } from '../../support/temp-dir';

// The REAL files: node_modules' better-sqlite3 is the Node build (npm install compiles it for this Node),
// and node_modules/electron/abi_version is the ABI Electron 45 loads.
const nodeBuild = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
const electronAbi = Number(readFileSync('node_modules/electron/abi_version', 'utf8'));
const nodeAbi = Number(process.versions.modules);

describe('native module ABI check on real binaries', () => {
  it('rejects the Node build of better-sqlite3 as an Electron build', () => {
    expect(electronAbi).not.toBe(nodeAbi);
    const check = checkNativeAbi(nodeBuild, electronAbi);
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ abi: nodeAbi });
    if (!check.ok) expect(check.reason).toContain(`module ABI ${nodeAbi}, but ${electronAbi} is needed`);
  });

  it('accepts the same file as a build for Node\'s ABI', () => {
    expect(checkNativeAbi(nodeBuild, nodeAbi)).toEqual({ ok: true, abi: nodeAbi });
  });

  it('checks the CPU too: the x64 build is refused for arm64', () => {
    expect(binaryArch(readFileSync(nodeBuild))).toBe(process.arch);
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    expect(checkNativeAbi(nodeBuild, nodeAbi, other)).toMatchObject({ ok: false, reason: expect.stringContaining(`not ${other}`) });
    expect(checkNativeAbi(nodeBuild, nodeAbi, process.arch)).toEqual({ ok: true, abi: nodeAbi });
  });

  it('refuses files that are not addons, are missing, or name several ABIs', () => {
    expect(checkNativeAbi('package.json', electronAbi)).toMatchObject({ ok: false });
    expect(checkNativeAbi('no/such/file.node', electronAbi)).toMatchObject({ ok: false });
    expect(moduleVersionsIn(Buffer.from('x\0node_register_module_v115\0y\0_node_register_module_v150\0'))).toEqual([115, 150]);
  });

  it('reads Mach-O (leading underscore) and PE-style export names alike', () => {
    expect(moduleVersionsIn(Buffer.from('\0_node_register_module_v150\0'))).toEqual([150]);
    expect(moduleVersionsIn(Buffer.from('better_sqlite3.node\0node_register_module_v150\0'))).toEqual([150]);
    expect(moduleVersionsIn(Buffer.from('node_register_module_v'))).toEqual([]);
  });
});

describe('electronNativeBinding', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  afterEach(() => tmp?.cleanup());

  it('looks in app.asar.unpacked first when packaged', () => {
    expect(nativeBindingCandidates('/opt/Tapedeck/resources/app.asar', '/opt/Tapedeck/resources')[0]).toBe(
      join('/opt/Tapedeck/resources/app.asar.unpacked', 'native', 'better_sqlite3.node'),
    );
  });

  it('under plain Node (tests, the e2e shim) leaves better-sqlite3 to load its own build', () => {
    expect(electronNativeBinding(process.cwd(), undefined, { isElectron: false })).toBeUndefined();
  });

  it('uses a candidate only when its ABI matches the running one, and says why it skipped one', () => {
    tmp = makeTempDir('tapedeck-binding-');
    mkdirSync(devNativeDir(tmp.dir), { recursive: true });
    const file = join(devNativeDir(tmp.dir), 'better_sqlite3.node');
    copyFileSync(nodeBuild, file);
    const warnings: string[] = [];
    expect(electronNativeBinding(tmp.dir, undefined, { isElectron: true, abi: electronAbi, warn: (m) => warnings.push(m) })).toBeUndefined();
    expect(warnings.join('\n')).toContain(`module ABI ${nodeAbi}, but ${electronAbi} is needed`);
    expect(electronNativeBinding(tmp.dir, undefined, { isElectron: true, abi: nodeAbi })).toBe(file);
  });
});
