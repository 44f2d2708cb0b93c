import { readFileSync } from 'node:fs';

/**
 * Which Node module ABI a native addon was built for. Every addon built with node-gyp (NAN or
 * NODE_MODULE) exports `node_register_module_v<ABI>`; the name sits in the symbol string table of
 * ELF, Mach-O (with a leading underscore) and PE (export names) alike, so a byte scan reads all three
 * without parsing formats. Electron's ABI (node_modules/electron/abi_version, 150 for Electron 45)
 * differs from Node's (115 for Node 20), and loading the wrong one fails only at window time.
 */
const MARKER = Buffer.from('node_register_module_v', 'latin1');

/** Every distinct ABI number named by a `node_register_module_v<N>` symbol in the bytes. */
export function moduleVersionsIn(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Set<number>();
  for (let at = buf.indexOf(MARKER); at !== -1; at = buf.indexOf(MARKER, at + MARKER.length)) {
    let end = at + MARKER.length;
    while (end < buf.length && buf[end] >= 0x30 && buf[end] <= 0x39) end++;
    if (end > at + MARKER.length) found.add(Number(buf.toString('latin1', at + MARKER.length, end)));
  }
  return [...found].sort((a, b) => a - b);
}

/** The CPU a native binary is for, from its ELF, Mach-O or PE header (undefined when unknown). */
export function binaryArch(bytes: Uint8Array): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 64) return undefined;
  if (buf.readUInt32BE(0) === 0x7f454c46) return ({ 0x3e: 'x64', 0xb7: 'arm64', 0x28: 'armv7l', 0x03: 'ia32' } as Record<number, string>)[buf.readUInt16LE(18)];
  if (buf.readUInt32LE(0) === 0xfeedfacf) return ({ 0x01000007: 'x64', 0x0100000c: 'arm64' } as Record<number, string>)[buf.readUInt32LE(4)];
  if (buf.readUInt32BE(0) === 0xcafebabe) return 'universal';
  if (buf.readUInt16BE(0) === 0x4d5a) {
    const pe = buf.readUInt32LE(0x3c);
    if (pe + 6 <= buf.length && buf.readUInt32BE(pe) === 0x50450000) return ({ 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' } as Record<number, string>)[buf.readUInt16LE(pe + 4)];
  }
  return undefined;
}

export type AbiCheck = { ok: true; abi: number } | { ok: false; abi?: number; reason: string };

/**
 * Is `file` an addon for module ABI `expected` (and, when given, for CPU `arch`)? Unreadable, unmarked or
 * ambiguous files are refused.
 */
export function checkNativeAbi(file: string, expected: number, arch?: string): AbiCheck {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
  const versions = moduleVersionsIn(bytes);
  if (versions.length === 0) return { ok: false, reason: `${file} exports no node_register_module_v<N> symbol (not a Node addon?)` };
  if (versions.length > 1) return { ok: false, reason: `${file} names several module ABIs (${versions.join(', ')})` };
  const abi = versions[0];
  if (abi !== expected) return { ok: false, abi, reason: `${file} is built for module ABI ${abi}, but ${expected} is needed` };
  const cpu = arch === undefined ? undefined : binaryArch(bytes);
  if (arch !== undefined && cpu !== arch && cpu !== 'universal') return { ok: false, abi, reason: `${file} is built for ${cpu ?? 'an unknown CPU'}, not ${arch}` };
  return { ok: true, abi };
}
