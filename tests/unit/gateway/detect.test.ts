import { describe, expect, it } from 'vitest';
import { detectInstalls, parseVersion, type FsView } from '../../../src-main/gateway/detect';
import { GatewayDetection } from '../../../src-shared/contract/features/gateway';

/** A fake tree from a list of paths: entries ending in "/" are folders, the rest files; parents are implied. */
function fakeFs(paths: string[], sep: '/' | '\\' = '/'): FsView {
  const kinds = new Map<string, 'file' | 'dir'>();
  const children = new Map<string, Set<string>>();
  for (const raw of paths) {
    const isDir = raw.endsWith(sep);
    const parts = raw.split(sep).filter((x, i) => x !== '' || i === 0);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join(sep) || sep;
      const full = parts.slice(0, i + 1).join(sep);
      if (!children.has(parent)) children.set(parent, new Set());
      children.get(parent)!.add(parts[i]);
      if (i < parts.length - 1 || isDir) kinds.set(full, 'dir');
      else kinds.set(full, 'file');
    }
  }
  return { list: (dir) => [...(children.get(dir) ?? [])], kind: (p) => kinds.get(p) };
}

const launchers = (d: GatewayDetection) => d.installs.map((i) => `${i.product} ${i.version} ${i.launcher}`);

describe('gateway detection', () => {
  it('reads IB version folders: 1030 is 10.30, 981 is 9.81', () => {
    expect(parseVersion('1030')).toEqual([10, 30]);
    expect(parseVersion('981')).toEqual([9, 81]);
    expect(parseVersion('10.37.1')).toEqual([10, 37, 1]);
    expect(parseVersion('jars')).toBeUndefined();
  });

  it('Linux: ~/Jts/ibgateway/<ver>, ~/Jts/tws/<ver> and the older ~/Jts/<ver>, newest first, gateway before TWS', () => {
    const fs = fakeFs([
      '/home/t/Jts/ibgateway/1019/ibgateway',
      '/home/t/Jts/ibgateway/1030/ibgateway',
      '/home/t/Jts/ibgateway/1030/jars/',
      '/home/t/Jts/ibgateway/1037/readme.txt', // a version folder without its launcher: not an install
      '/home/t/Jts/tws/1030/tws',
      '/home/t/Jts/981/tws',
      '/home/t/Jts/jts.ini',
    ]);
    const d = detectInstalls(fs, 'linux', '/home/t');
    expect(launchers(d)).toEqual([
      'ib-gateway 10.30 /home/t/Jts/ibgateway/1030/ibgateway',
      'tws 10.30 /home/t/Jts/tws/1030/tws',
      'ib-gateway 10.19 /home/t/Jts/ibgateway/1019/ibgateway',
      'tws 9.81 /home/t/Jts/981/tws',
    ]);
    expect(d.searched).toEqual(['/home/t/Jts']);
    expect(GatewayDetection.safeParse(d).success).toBe(true);
    for (const i of d.installs) expect(i.id).toMatch(/^[a-z0-9-]{1,64}$/);
    expect(new Set(d.installs.map((i) => i.id)).size).toBe(4);
  });

  it('ids are stable across detections and differ per launcher', () => {
    const fs = fakeFs(['/h/Jts/ibgateway/1030/ibgateway']);
    const a = detectInstalls(fs, 'linux', '/h').installs[0].id;
    expect(detectInstalls(fs, 'linux', '/h').installs[0].id).toBe(a);
    expect(detectInstalls(fakeFs(['/g/Jts/ibgateway/1030/ibgateway']), 'linux', '/g').installs[0].id).not.toBe(a);
  });

  it('a launcher name that is a folder is not a launcher; nothing found gives an empty list', () => {
    expect(detectInstalls(fakeFs(['/h/Jts/ibgateway/1030/ibgateway/']), 'linux', '/h').installs).toEqual([]);
    expect(detectInstalls(fakeFs([]), 'linux', '/h').installs).toEqual([]);
  });

  it('Windows: C:\\Jts\\ibgateway\\<ver>\\ibgateway.exe and C:\\Jts\\<ver>\\tws.exe, plus the home folder', () => {
    const fs = fakeFs([
      'C:\\Jts\\ibgateway\\1030\\ibgateway.exe',
      'C:\\Jts\\ibgateway\\1030\\ibgateway', // a script of another OS is not a Windows launcher
      'C:\\Jts\\1037\\tws.exe',
      'C:\\Users\\t\\Jts\\ibgateway\\1019\\ibgateway.exe',
    ], '\\');
    const d = detectInstalls(fs, 'win32', 'C:\\Users\\t');
    expect(launchers(d)).toEqual([
      'tws 10.37 C:\\Jts\\1037\\tws.exe',
      'ib-gateway 10.30 C:\\Jts\\ibgateway\\1030\\ibgateway.exe',
      'ib-gateway 10.19 C:\\Users\\t\\Jts\\ibgateway\\1019\\ibgateway.exe',
    ]);
    expect(d.searched).toEqual(['C:\\Jts', 'C:\\Users\\t\\Jts']);
  });

  it('macOS: /Applications and ~/Applications apps, versioned folders, ~/Jts; installers skipped; unknown versions last', () => {
    const fs = fakeFs([
      '/Applications/IB Gateway 10.30/IB Gateway 10.30.app/Contents/MacOS/JavaApplicationStub',
      '/Applications/IB Gateway 10.30/IB Gateway 10.30 Uninstaller.app/',
      '/Applications/IB Gateway 10.19.app/Contents/',
      '/Applications/Trader Workstation.app/Contents/',
      '/Applications/IB Gateway 10.37 Installer.app/',
      '/Applications/Safari.app/',
      '/Users/t/Applications/Trader Workstation 10.37/Trader Workstation 10.37.app/',
      '/Users/t/Jts/ibgateway/1040/ibgateway',
    ]);
    const d = detectInstalls(fs, 'darwin', '/Users/t');
    expect(launchers(d)).toEqual([
      'ib-gateway 10.40 /Users/t/Jts/ibgateway/1040/ibgateway',
      'tws 10.37 /Users/t/Applications/Trader Workstation 10.37/Trader Workstation 10.37.app',
      'ib-gateway 10.30 /Applications/IB Gateway 10.30/IB Gateway 10.30.app',
      'ib-gateway 10.19 /Applications/IB Gateway 10.19.app',
      'tws  /Applications/Trader Workstation.app',
    ]);
    expect(d.installs[2].dir).toBe('/Applications/IB Gateway 10.30');
    expect(d.searched).toEqual(['/Users/t/Jts', '/Applications', '/Users/t/Applications']);
  });
});
