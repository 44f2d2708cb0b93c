/**
 * Electron fuses for packaged builds, flipped in electron-builder's afterPack (before signing, which
 * must cover the flipped bytes) and read back from the binary to prove they took.
 * Off: running the app as plain Node (ELECTRON_RUN_AS_NODE), NODE_OPTIONS and --inspect flags, all
 * ways to run arbitrary code with the app's identity and keychain/cookie access. On: cookie
 * encryption, ASAR integrity (electron-builder writes the hashes on macOS and Windows; Electron does
 * not check them on Linux) and loading the app only from app.asar.
 */
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants.js';

export const TAPEDECK_FUSES: Readonly<Partial<Record<FuseV1Options, boolean>>> = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The executable electron-builder packed, as its own addElectronFuses finds it. */
export function packedElectronBinary(o: { appOutDir: string; platform: string; productFilename: string; linuxExecutableName?: string }): string {
  if (o.platform === 'linux') return join(o.appOutDir, o.linuxExecutableName ?? o.productFilename.toLowerCase());
  if (o.platform === 'darwin' || o.platform === 'mas') return join(o.appOutDir, `${o.productFilename}.app`);
  return join(o.appOutDir, `${o.productFilename}.exe`);
}

/** Fuses whose state in the binary differs from TAPEDECK_FUSES, named, e.g. ["RunAsNode is ENABLE"]. */
export function fuseMismatches(wire: Record<string, unknown>): string[] {
  const bad: string[] = [];
  for (const [index, on] of Object.entries(TAPEDECK_FUSES)) {
    const want = on ? FuseState.ENABLE : FuseState.DISABLE;
    const got = wire[index];
    if (got !== want) bad.push(`${FuseV1Options[Number(index)]} is ${typeof got === 'number' ? (FuseState[got] ?? got) : 'missing'}`);
  }
  return bad;
}

/**
 * Flips Tapedeck's fuses in a packed Electron binary and reads them back; throws with the reason
 * when the binary has no fuse wire or a fuse did not take (a packaged app must never ship unfused).
 */
export async function applyTapedeckFuses(binaryPath: string, o: { platform: string; arch: string }): Promise<void> {
  const config: FuseV1Config = {
    version: FuseVersion.V1,
    // An arm64 macOS binary must stay signed to run at all; real signing happens after afterPack.
    resetAdHocDarwinSignature: o.platform === 'darwin' && o.arch === 'arm64',
    ...TAPEDECK_FUSES,
  };
  await flipFuses(binaryPath, config);
  const bad = fuseMismatches(await getCurrentFuseWire(binaryPath));
  if (bad.length > 0) throw new Error(`Electron fuses did not take in ${binaryPath}: ${bad.join(', ')}`);
}
