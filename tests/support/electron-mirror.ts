/**
 * A loopback stand-in for Electron's download servers (ELECTRON_MIRROR / ELECTRON_HEADERS_MIRROR): it serves
 * the files it is given, 404s the rest and records every request. With it the real installer, node-gyp,
 * prebuild-install and electron-builder are exercised without the internet.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';

export interface Mirror {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startMirror(files: Map<string, Buffer>): Promise<Mirror> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(path);
    const body = files.get(path);
    if (!body) return void res.writeHead(404).end('not here');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** A port nothing listens on (bound, then released): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** SHASUMS256.txt in Electron's format. */
export function shasums(files: Record<string, Buffer>): Buffer {
  return Buffer.from(Object.entries(files).map(([name, b]) => `${sha256(b)} *${name}`).join('\n') + '\n');
}

/** A stored (uncompressed) zip; `mode` keeps the executable bit that extract-zip restores. */
export function makeZip(entries: { name: string; data: Buffer; mode?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const crc = crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, so the external attributes carry a mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((((e.mode ?? 0o644) | 0o100000) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * The stand-in binary: a shell script that prints its arguments and exits, followed by a fuse wire laid out as
 * @electron/fuses reads it (sentinel, version 1, length, a stock Electron's nine fuses), so the package's
 * afterPack step flips real bytes and a test can read them back.
 */
function standInElectronBinary(): Buffer {
  const { ENABLE, DISABLE } = FuseState;
  const stock = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE];
  return Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in electron $*"\nexit 0\n'),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, stock.length, ...stock]),
    Buffer.from('\n'),
  ]);
}

/**
 * A stand-in Electron release zip for linux: an `electron` binary (standInElectronBinary), the
 * `version` file install.js checks, LICENSE and resources/default_app.asar as electron-builder expects.
 */
export function standInElectronZip(version: string): Buffer {
  return makeZip([
    { name: 'electron', data: standInElectronBinary(), mode: 0o755 },
    { name: 'version', data: Buffer.from(`${version}`) },
    { name: 'LICENSE', data: Buffer.from('stand-in for tests\n') },
    { name: 'LICENSES.chromium.html', data: Buffer.from('<p>stand-in</p>\n') },
    { name: 'resources/default_app.asar', data: Buffer.from('stand-in') },
  ]);
}
