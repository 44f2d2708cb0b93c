/**
 * Finding installed IB Gateway / TWS: a pure function of a file-system view, the platform and the home
 * folder, so every OS layout is tested with a fake tree. Layouts (IB's installers, as IBC also expects them):
 * - Linux and macOS: ~/Jts/ibgateway/<ver>/ibgateway, ~/Jts/tws/<ver>/tws, or the older ~/Jts/<ver>/tws;
 * - Windows: C:\Jts\ibgateway\<ver>\ibgateway.exe, C:\Jts\<ver>\tws.exe (and the same under the home folder);
 * - macOS: /Applications and ~/Applications hold "IB Gateway 10.30/IB Gateway 10.30.app", a bare
 *   "IB Gateway 10.30.app", "Trader Workstation 10.30/…app" or the self-updating "Trader Workstation.app".
 * Versions are folder names: "1030" is 10.30, "981" is 9.81.
 */
import { posix, win32 } from 'node:path';
import type { GatewayDetection, GatewayInstall } from '../../src-shared/contract/features/gateway';

export interface FsView {
  /** Entry names of a folder; [] when it does not exist or cannot be read. */
  list(dir: string): string[];
  kind(path: string): 'file' | 'dir' | undefined;
}

export type GatewayPlatform = 'linux' | 'darwin' | 'win32';
type Product = GatewayInstall['product'];

const SCRIPT: Record<Product, string> = { 'ib-gateway': 'ibgateway', tws: 'tws' };
const APP_PREFIX: Record<Product, RegExp> = { 'ib-gateway': /^(ib ?gateway)/i, tws: /^(trader workstation|tws)/i };

export function asGatewayPlatform(p: string): GatewayPlatform | undefined {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : undefined;
}

const pathFor = (platform: GatewayPlatform) => (platform === 'win32' ? win32 : posix);

/** "1030" → [10, 30], "10.30.1" → [10, 30, 1]; undefined when the name is not a version. */
export function parseVersion(name: string): number[] | undefined {
  if (/^\d{3,4}$/.test(name)) return [Number(name.slice(0, -2)), Number(name.slice(-2))];
  if (/^\d+(\.\d+)+$/.test(name)) return name.split('.').map(Number);
  return undefined;
}

export function displayVersion(parts: number[] | undefined): string {
  if (!parts) return '';
  const [major, minor, ...rest] = parts;
  return [String(major), String(minor).padStart(2, '0'), ...rest.map(String)].join('.');
}

function compareVersions(a: number[] | undefined, b: number[] | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0; // unknown versions last
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** FNV-1a: a short id that stays the same for a launcher path across detections. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

interface Found {
  product: Product;
  version: number[] | undefined;
  dir: string;
  launcher: string;
}

const isInstallerApp = (name: string) => /(un)?installer/i.test(name);

/** The launcher of one product in one version folder, per OS. */
function launcherIn(fs: FsView, platform: GatewayPlatform, dir: string, product: Product): string | undefined {
  const p = pathFor(platform);
  if (platform === 'win32') {
    const exe = p.join(dir, `${SCRIPT[product]}.exe`);
    return fs.kind(exe) === 'file' ? exe : undefined;
  }
  if (platform === 'darwin') {
    const app = fs.list(dir).find((n) => n.endsWith('.app') && APP_PREFIX[product].test(n) && !isInstallerApp(n));
    if (app && fs.kind(p.join(dir, app)) === 'dir') return p.join(dir, app);
  }
  const script = p.join(dir, SCRIPT[product]);
  return fs.kind(script) === 'file' ? script : undefined;
}

function scanJts(fs: FsView, platform: GatewayPlatform, root: string): Found[] {
  const p = pathFor(platform);
  const out: Found[] = [];
  const versionDirs = (parent: string, products: Product[]) => {
    for (const name of fs.list(parent)) {
      const version = parseVersion(name);
      const dir = p.join(parent, name);
      if (!version || fs.kind(dir) !== 'dir') continue;
      for (const product of products) {
        const launcher = launcherIn(fs, platform, dir, product);
        if (launcher) out.push({ product, version, dir, launcher });
      }
    }
  };
  versionDirs(p.join(root, 'ibgateway'), ['ib-gateway']);
  versionDirs(p.join(root, 'tws'), ['tws']);
  versionDirs(root, ['tws', 'ib-gateway']);
  return out;
}

/** macOS: "IB Gateway 10.30.app", "Trader Workstation.app", or a "IB Gateway 10.30" folder holding the .app. */
function scanApplications(fs: FsView, root: string): Found[] {
  const out: Found[] = [];
  for (const name of fs.list(root)) {
    if (isInstallerApp(name)) continue;
    const m = /^(IB Gateway|Trader Workstation)(?: (\d+(?:\.\d+)*))?(\.app)?$/i.exec(name);
    if (!m) continue;
    const product: Product = /gateway/i.test(m[1]) ? 'ib-gateway' : 'tws';
    const full = posix.join(root, name);
    if (fs.kind(full) !== 'dir') continue;
    const version = m[2] ? parseVersion(m[2]) : undefined;
    if (m[3]) {
      out.push({ product, version, dir: root, launcher: full });
      continue;
    }
    const launcher = launcherIn(fs, 'darwin', full, product);
    if (launcher) out.push({ product, version, dir: full, launcher });
  }
  return out;
}

export function searchRoots(platform: GatewayPlatform, home: string): string[] {
  const p = pathFor(platform);
  if (platform === 'win32') return [...new Set(['C:\\Jts', p.join(home, 'Jts')])];
  if (platform === 'darwin') return [p.join(home, 'Jts'), '/Applications', p.join(home, 'Applications')];
  return [p.join(home, 'Jts')];
}

export function detectInstalls(fs: FsView, platform: GatewayPlatform, home: string): GatewayDetection {
  const roots = searchRoots(platform, home);
  const found: Found[] = [];
  for (const root of roots) {
    found.push(...(root.endsWith('Applications') ? scanApplications(fs, root) : scanJts(fs, platform, root)));
  }
  const unique = [...new Map(found.map((f) => [f.launcher, f])).values()];
  unique.sort(
    (a, b) => compareVersions(a.version, b.version) || (a.product === b.product ? 0 : a.product === 'ib-gateway' ? -1 : 1) || a.launcher.localeCompare(b.launcher),
  );
  const installs = unique.map((f): GatewayInstall => ({
    id: `${f.product}-${f.version ? f.version.join('') : 'x'}-${hash(f.launcher)}`,
    product: f.product,
    version: displayVersion(f.version),
    dir: f.dir,
    launcher: f.launcher,
  }));
  return { platform, installs, searched: roots };
}
